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
  /** Directive 1..10; all empty means "use the default profile". */
  targets: string[];
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

/** Fields `startHour`, `endHour`, `weekdaysOnly` (a checkbox) and `target1`..`target10`. */
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
  };
}

export function formFromSettings(view: OrganizationSettingsView): SettingsFormValues {
  return {
    startHour: String(view.quietHours.startHour),
    endHour: String(view.quietHours.endHour),
    weekdaysOnly: view.quietHours.weekdaysOnly,
    targets: DIRECTIVES.map((i) => (view.targetProfile ? String(view.targetProfile[i]) : '')),
  };
}

/**
 * The same DTO and rules as PUT /api/v1/organization/settings, so the page accepts exactly what
 * the API accepts; the refusals are then told in the page's own words.
 */
export async function toSettingsDto(
  form: SettingsFormValues,
  text: SettingsPageText,
): Promise<SettingsFormResult> {
  const number = (value: string) => (value === '' ? Number.NaN : Number(value));
  const blank = form.targets.every((t) => t === '');
  const dto = plainToInstance(UpdateOrganizationSettingsDto, {
    quietHours: {
      startHour: number(form.startHour),
      endHour: number(form.endHour),
      weekdaysOnly: form.weekdaysOnly,
    },
    targetProfile: blank ? null : form.targets.map(number),
  });
  const failures = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (failures.length === 0) return { ok: true, dto };
  return { ok: false, errors: describe(failures, form, text) };
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
