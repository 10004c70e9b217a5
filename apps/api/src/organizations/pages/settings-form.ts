import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import {
  TARGET_PROFILE_LENGTH,
  UpdateOrganizationSettingsDto,
} from '../dto/update-organization-settings.dto';
import { END_AFTER_START, isTargetValue } from '../dto/settings-validators';
import type { OrganizationSettingsView } from '../organization-settings.view';
import type { SettingsPageText } from './settings-page-text';

/** The form as entered, kept as text so a refused form shows what the person typed. */
export interface SettingsFormValues {
  startHour: string;
  endHour: string;
  weekdaysOnly: boolean;
  /** Directive 1..10, shown filled with the values in force; all empty also means the default. */
  targets: string[];
  /** The "back to the default" tick: drop the tenant's own profile, whatever the fields say. */
  targetDefault: boolean;
}

/** What the page says about a refused form, in the person's language. */
export interface SettingsFormErrors {
  messages: string[];
  startHour: boolean;
  endHour: boolean;
  /** Indices (0..9) of the target inputs to mark. */
  targets: number[];
}

export type SettingsFormResult =
  { ok: true; dto: UpdateOrganizationSettingsDto } | { ok: false; errors: SettingsFormErrors };

const DIRECTIVES = Array.from({ length: TARGET_PROFILE_LENGTH }, (_, i) => i);

/**
 * Fields `startHour`, `endHour`, `weekdaysOnly` (a checkbox), `target1`..`target10` and
 * `targetDefault` (a checkbox).
 */
export function readSettingsForm(body: unknown): SettingsFormValues {
  const raw = (body ?? {}) as Record<string, unknown>;
  // Full-width digits and points (３．５) are read as the ASCII ones.
  const text = (v: unknown) =>
    typeof v === 'string' ? v.normalize('NFKC').trim().slice(0, 20) : '';
  return {
    startHour: text(raw.startHour),
    endHour: text(raw.endHour),
    weekdaysOnly: raw.weekdaysOnly !== undefined && raw.weekdaysOnly !== '',
    targets: DIRECTIVES.map((i) => text(raw[`target${i + 1}`])),
    targetDefault: raw.targetDefault !== undefined && raw.targetDefault !== '',
  };
}

/** The form filled with the values in force: the tenant's own profile, else the default one. */
export function formFromSettings(view: OrganizationSettingsView): SettingsFormValues {
  const targets = view.targetProfile ?? view.defaults.targetProfile;
  return {
    startHour: String(view.quietHours.startHour),
    endHour: String(view.quietHours.endHour),
    weekdaysOnly: view.quietHours.weekdaysOnly,
    targets: DIRECTIVES.map((i) => String(targets[i])),
    targetDefault: false,
  };
}

const number = (value: string) => (value === '' ? Number.NaN : Number(value));

/**
 * The same DTO and rules as PUT /api/v1/organization/settings, so the page accepts exactly what
 * the API accepts; the refusals are then told in the page's own words. `inForce` is what the
 * tenant has now (the page's fields start from it).
 */
export async function toSettingsDto(input: {
  form: SettingsFormValues;
  text: SettingsPageText;
  inForce: OrganizationSettingsView;
}): Promise<SettingsFormResult> {
  const { form, text, inForce } = input;
  const dto = plainToInstance(UpdateOrganizationSettingsDto, {
    quietHours: {
      startHour: number(form.startHour),
      endHour: number(form.endHour),
      weekdaysOnly: form.weekdaysOnly,
    },
    targetProfile: targetProfileOf(form, inForce),
  });
  const failures = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (failures.length === 0) return { ok: true, dto };
  return { ok: false, errors: describe(failures, form, text) };
}

/** null: back to the default; undefined: leave the stored profile as it is. */
function targetProfileOf(
  form: SettingsFormValues,
  inForce: OrganizationSettingsView,
): number[] | null | undefined {
  if (form.targetDefault || form.targets.every((t) => t === '')) return null;
  const targets = form.targets.map(number);
  // A tenant on the default that posts the default values back (say, it changed only the quiet
  // hours) stays on the default and keeps following it, rather than storing a copy of it.
  const asDefault = targets.every((value, i) => value === inForce.defaults.targetProfile[i]);
  return inForce.targetProfile === null && asDefault ? undefined : targets;
}

/** The form-wide refusal of a post from another site, in the page's words. */
export function otherSiteErrors(text: SettingsPageText): SettingsFormErrors {
  return { messages: [text.errors.otherSite], startHour: false, endHour: false, targets: [] };
}

function describe(
  failures: ValidationError[],
  form: SettingsFormValues,
  text: SettingsPageText,
): SettingsFormErrors {
  const errors: SettingsFormErrors = {
    messages: [],
    startHour: false,
    endHour: false,
    targets: [],
  };
  const hours = failures.find((f) => f.property === 'quietHours')?.children ?? [];
  for (const failure of hours) {
    const constraints = Object.keys(failure.constraints ?? {});
    if (failure.property === 'startHour') {
      errors.startHour = true;
      errors.messages.push(text.errors.startHour);
    } else if (failure.property === 'endHour') {
      errors.endHour = true;
      const order = constraints.length === 1 && constraints[0] === END_AFTER_START;
      errors.messages.push(order ? text.errors.endBeforeStart : text.errors.endHour);
    } else {
      errors.messages.push(text.errors.weekdaysOnly);
    }
  }
  if (failures.some((f) => f.property === 'targetProfile')) {
    const missing = DIRECTIVES.filter((i) => form.targets[i] === '');
    const wrong = DIRECTIVES.filter(
      (i) => form.targets[i] !== '' && !isTargetValue(Number(form.targets[i])),
    );
    if (missing.length) errors.messages.push(text.errors.targetCount);
    if (wrong.length) {
      const names = wrong.map((i) => text.targetProfile.short(i + 1)).join(', ');
      errors.messages.push(text.errors.targetValue(names));
    }
    errors.targets = [...missing, ...wrong].sort((a, b) => a - b);
  }
  if (errors.messages.length === 0) errors.messages.push(text.errors.invalid);
  return errors;
}
