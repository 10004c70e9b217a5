import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { DEFAULT_CATALOG_VERSION } from '@kakehashi/domain';
import { DEFAULT_REMINDER_POLICY } from '@kakehashi/database';
import { FormErrorList, FormErrors, formRefusal } from '../../console/form-errors';
import { dueDateProblem } from '../create-campaign.use-case';
import { CAMPAIGN_NAME_MAX, CreateCampaignDto } from '../dto/create-campaign.dto';
import type { CampaignPagesText } from './campaign-pages-text';

/** The new-campaign form as typed (numbers too, so a refused form shows what was typed). */
export interface CampaignFormValues {
  name: string;
  dueDate: string;
  catalogVersion: string;
  /** Days before the due date, e.g. "7,3,1". */
  beforeDays: string;
  overdueEveryDays: string;
  escalateAfterOverdue: string;
}

type CampaignFormField = keyof CampaignFormValues;

/** The refusals, listed above the form and each beside its own field. */
export type CampaignFormErrors = FormErrorList<CampaignFormField> & {
  byField: Partial<Record<CampaignFormField, string>>;
};

export type CampaignFormResult =
  { ok: true; dto: CreateCampaignDto } | { ok: false; errors: CampaignFormErrors };

const FIELD_ORDER: CampaignFormField[] = [
  'name',
  'dueDate',
  'catalogVersion',
  'beforeDays',
  'overdueEveryDays',
  'escalateAfterOverdue',
];

/** A new form: today's date, the default questionnaire and the default reminder policy. */
export function emptyCampaignForm(today: string): CampaignFormValues {
  return {
    name: '',
    dueDate: today,
    catalogVersion: DEFAULT_CATALOG_VERSION,
    beforeDays: DEFAULT_REMINDER_POLICY.beforeDays.join(','),
    overdueEveryDays: String(DEFAULT_REMINDER_POLICY.overdueEveryDays),
    escalateAfterOverdue: String(DEFAULT_REMINDER_POLICY.escalateAfterOverdue),
  };
}

export function readCampaignForm(body: unknown): CampaignFormValues {
  const raw = (body ?? {}) as Record<string, unknown>;
  const text = (v: unknown, max = 500) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
  return {
    name: text(raw.name),
    dueDate: text(raw.dueDate),
    catalogVersion: text(raw.catalogVersion, 100),
    beforeDays: text(raw.beforeDays, 200),
    overdueEveryDays: text(raw.overdueEveryDays, 20),
    escalateAfterOverdue: text(raw.escalateAfterOverdue, 20),
  };
}

/** "7,3,1" (full-width digits, 、 or spaces too) as numbers; what is not a number stays text. */
function beforeDaysValue(typed: string): unknown[] {
  const parts = typed
    .normalize('NFKC')
    .split(/[,、\s]+/)
    .filter((part) => part !== '');
  const values = parts.map((part) => (/^\d{1,4}$/.test(part) ? Number(part) : part));
  if (values.some((v) => typeof v !== 'number')) return values;
  // Each day once, the earliest reminder first, as the campaign page tells them.
  return [...new Set(values as number[])].sort((a, b) => b - a);
}

/** A whole number as typed (full-width digits too), else the text itself (then refused). */
function integerValue(typed: string): unknown {
  const value = typed.normalize('NFKC');
  return /^\d{1,4}$/.test(value) ? Number(value) : value === '' ? undefined : value;
}

/**
 * Same DTO and rules as POST /api/v1/campaigns (the due date and the reminder policy included),
 * so the page accepts what the API accepts; the refusals are then told in the page's own words.
 * The suppliers are chosen on the draft's own page, after it is created.
 */
export async function toCreateCampaignDto(
  form: CampaignFormValues,
  text: CampaignPagesText,
  now = new Date(),
): Promise<CampaignFormResult> {
  const dto = plainToInstance(CreateCampaignDto, {
    name: form.name,
    dueDate: form.dueDate,
    supplierIds: [],
    catalogVersion: form.catalogVersion,
    reminderPolicy: {
      beforeDays: beforeDaysValue(form.beforeDays),
      overdueEveryDays: integerValue(form.overdueEveryDays),
      escalateAfterOverdue: integerValue(form.escalateAfterOverdue),
    },
  });
  const failures = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  const errors = new CampaignFormErrorList();
  describeFailures(failures, form, text, errors);
  if (!errors.has('dueDate')) {
    const problem = dueDateProblem(dto.dueDate, now);
    if (problem) errors.add('dueDate', dueDateMessage(problem, text));
  }
  return errors.size === 0 ? { ok: true, dto } : { ok: false, errors: errors.result() };
}

/** FormErrors that also keep each field's own message, for the line beside the field. */
class CampaignFormErrorList {
  private readonly list = new FormErrors(FIELD_ORDER);
  private readonly byField: Partial<Record<CampaignFormField, string>> = {};

  get size(): number {
    return this.list.size;
  }

  has(field: CampaignFormField): boolean {
    return this.list.has(field);
  }

  add(field: CampaignFormField | null, message: string): void {
    if (field && !this.byField[field]) this.byField[field] = message;
    this.list.add(field, message);
  }

  result(): CampaignFormErrors {
    return { ...this.list.result(), byField: { ...this.byField } };
  }
}

function describeFailures(
  failures: ValidationError[],
  form: CampaignFormValues,
  text: CampaignPagesText,
  errors: CampaignFormErrorList,
): void {
  const { fields, errors: words } = text;
  for (const failure of failures) {
    const constraints = Object.keys(failure.constraints ?? {});
    switch (failure.property) {
      case 'name':
        errors.add(
          'name',
          form.name === '' || constraints.includes('isNotEmpty')
            ? words.required(fields.name)
            : words.tooLong(fields.name, CAMPAIGN_NAME_MAX),
        );
        break;
      case 'dueDate':
        errors.add(
          'dueDate',
          form.dueDate === '' ? words.required(fields.dueDate) : words.dueDateFormat,
        );
        break;
      case 'catalogVersion':
        errors.add('catalogVersion', words.catalogVersion);
        break;
      case 'reminderPolicy':
        for (const child of failure.children ?? []) {
          if (child.property === 'beforeDays') errors.add('beforeDays', words.beforeDays);
          else if (child.property === 'overdueEveryDays') {
            errors.add(
              'overdueEveryDays',
              form.overdueEveryDays === ''
                ? words.required(fields.overdueEveryDays)
                : words.overdueEveryDays,
            );
          } else if (child.property === 'escalateAfterOverdue') {
            errors.add(
              'escalateAfterOverdue',
              form.escalateAfterOverdue === ''
                ? words.required(fields.escalateAfterOverdue)
                : words.escalateAfterOverdue,
            );
          } else errors.add(null, words.form);
        }
        break;
      default:
        errors.add(null, words.form);
    }
  }
}

function dueDateMessage(problem: 'invalid' | 'past', text: CampaignPagesText): string {
  return problem === 'past' ? text.errors.dueDatePast : text.errors.dueDateFormat;
}

/**
 * Refusals from the use case in the page's words: a due date that became the past at midnight.
 * An unknown campaign and server errors are thrown on.
 */
export function serviceErrors(error: unknown, text: CampaignPagesText): CampaignFormErrors {
  const response = formRefusal(error).getResponse() as { field?: unknown; reason?: unknown };
  const errors = new CampaignFormErrorList();
  if (response.field === 'dueDate') {
    errors.add('dueDate', dueDateMessage(response.reason === 'past' ? 'past' : 'invalid', text));
  } else {
    errors.add(null, text.errors.form);
  }
  return errors.result();
}

/** The refusal of a post from another site, the same on every console form. */
export function otherSiteErrors(text: CampaignPagesText): CampaignFormErrors {
  return { messages: [text.errors.otherSite], fields: [], byField: {} };
}
