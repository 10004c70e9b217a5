import { DEFAULT_CATALOG_VERSION, getCatalog } from '@kakehashi/domain';
import type { Locale } from '../../console/console-locale';
import type { OrganizationSettingsView } from '../organization-settings.view';
import type { SettingsFormErrors, SettingsFormValues } from './settings-form';
import { SETTINGS_PAGE_TEXT } from './settings-page-text';

const hourLabel = (hour: number | string) => `${hour}:00`;
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The official directive titles of the current catalog, 1..10, in the page's language. */
function directiveTitles(locale: Locale): string[] {
  const catalog = getCatalog(DEFAULT_CATALOG_VERSION);
  return (catalog?.sections ?? [])
    .filter((s) => s.directive !== undefined)
    .sort((a, b) => (a.directive ?? 0) - (b.directive ?? 0))
    .map((s) => s.title[locale]);
}

/** Data for views/settings/index: the form for an admin, the values as text for the others. */
export function settingsPageData(input: {
  locale: Locale;
  view: OrganizationSettingsView;
  form: SettingsFormValues;
  canEdit: boolean;
  saved?: boolean;
  errors?: SettingsFormErrors;
}) {
  const { locale, view, form, errors } = input;
  const t = SETTINGS_PAGE_TEXT[locale];
  const titles = directiveTitles(locale);
  const defaults = view.defaults;
  const defaultTarget = [...new Set(defaults.targetProfile)].join(', ');
  const choices = (values: number[], selected: string) =>
    values.map((h) => ({
      value: String(h),
      label: hourLabel(h),
      selected: String(h) === selected,
    }));
  return {
    t,
    canEdit: input.canEdit,
    saved: input.saved === true && !errors,
    errors: errors?.messages ?? [],
    startInvalid: errors?.startHour ?? false,
    endInvalid: errors?.endHour ?? false,
    startChoices: choices(range(0, 23), form.startHour),
    endChoices: choices(range(1, 24), form.endHour),
    weekdaysOnly: form.weekdaysOnly,
    quietHoursDefault: t.quietHours.defaults(
      hourLabel(defaults.quietHours.startHour),
      hourLabel(defaults.quietHours.endHour),
    ),
    window: t.quietHours.window(
      hourLabel(view.quietHours.startHour),
      hourLabel(view.quietHours.endHour),
    ),
    days: view.quietHours.weekdaysOnly ? t.quietHours.weekdays : t.quietHours.everyDay,
    usingDefaultTarget: view.targetProfile ? null : t.targetProfile.usingDefault(defaultTarget),
    // Offered once the tenant has its own profile: the way back to the default.
    targetReset: view.targetProfile
      ? { label: t.targetProfile.resetToDefault(defaultTarget), checked: form.targetDefault }
      : null,
    targets: titles.map((title, i) => ({
      id: `target-${i + 1}`,
      name: `target${i + 1}`,
      title,
      value: form.targets[i] ?? '',
      current: String((view.targetProfile ?? defaults.targetProfile)[i]),
      invalid: errors?.targets.includes(i) ?? false,
    })),
  };
}
