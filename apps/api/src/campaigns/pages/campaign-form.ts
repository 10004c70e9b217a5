import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { DEFAULT_CATALOG_VERSION } from '@kakehashi/domain';
import { DEFAULT_REMINDER_POLICY } from '@kakehashi/database';
import { FormErrorList, FormErrors, formRefusal } from '../../console/form-errors';
import { dueDateProblem, maxDueDate } from '../create-campaign.use-case';
import {
  CAMPAIGN_MESSAGE_MAX,
  CAMPAIGN_NAME_MAX,
  CAMPAIGN_SENDER_NAME_MAX,
  CreateCampaignDto,
} from '../dto/create-campaign.dto';
import { UpdateCampaignDto } from '../dto/update-campaign.dto';
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
  /** Shown as the sender in the invitation mail (blank: the organization's name). */
  senderName: string;
  /** The note added to the invitation mail (blank: none). */
  message: string;
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
  'senderName',
  'message',
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
    senderName: '',
    message: '',
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
    // Longer than allowed is kept (cut a little past the limit) so that it is refused, not cut.
    senderName: text(raw.senderName, CAMPAIGN_SENDER_NAME_MAX + 10),
    message: text(raw.message, CAMPAIGN_MESSAGE_MAX + 10).replace(/\r\n?/g, '\n'),
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
    reminderPolicy: reminderPolicyValue(form),
    ...(form.senderName ? { senderName: form.senderName } : {}),
    ...(form.message ? { message: form.message } : {}),
  });
  const failures = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  const errors = new CampaignFormErrorList();
  describeFailures(failures, form, text, errors);
  if (!errors.has('dueDate')) {
    const problem = dueDateProblem(dto.dueDate, now);
    if (problem) errors.add('dueDate', dueDateMessage(problem, text, now));
  }
  return errors.size === 0 ? { ok: true, dto } : { ok: false, errors: errors.result() };
}

function reminderPolicyValue(form: CampaignFormValues): Record<string, unknown> {
  return {
    beforeDays: beforeDaysValue(form.beforeDays),
    overdueEveryDays: integerValue(form.overdueEveryDays),
    escalateAfterOverdue: integerValue(form.escalateAfterOverdue),
  };
}

/** The draft's settings form (everything but the due date and the owner) as the PATCH DTO. */
export type CampaignSettingsResult =
  { ok: true; dto: UpdateCampaignDto } | { ok: false; errors: CampaignFormErrors };

/**
 * The draft's settings form: same DTO and rules as PATCH /api/v1/campaigns/:id; a blank sender
 * name or message clears it.
 */
export async function toUpdateCampaignDto(
  form: CampaignFormValues,
  text: CampaignPagesText,
): Promise<CampaignSettingsResult> {
  const dto = plainToInstance(UpdateCampaignDto, {
    name: form.name,
    catalogVersion: form.catalogVersion,
    reminderPolicy: reminderPolicyValue(form),
    senderName: form.senderName,
    message: form.message,
  });
  const failures = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  const errors = new CampaignFormErrorList();
  describeFailures(failures, form, text, errors);
  return errors.size === 0 ? { ok: true, dto } : { ok: false, errors: errors.result() };
}

/** A campaign's settings as the settings form shows them. */
export function campaignSettingsForm(campaign: {
  name: string;
  dueDate: string;
  catalogVersion: string;
  reminderPolicy: { beforeDays: number[]; overdueEveryDays: number; escalateAfterOverdue: number };
  senderName: string | null;
  message: string | null;
}): CampaignFormValues {
  return {
    name: campaign.name,
    dueDate: campaign.dueDate,
    catalogVersion: campaign.catalogVersion,
    beforeDays: [...campaign.reminderPolicy.beforeDays].sort((a, b) => b - a).join(','),
    overdueEveryDays: String(campaign.reminderPolicy.overdueEveryDays),
    escalateAfterOverdue: String(campaign.reminderPolicy.escalateAfterOverdue),
    senderName: campaign.senderName ?? '',
    message: campaign.message ?? '',
  };
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
      case 'senderName':
        errors.add('senderName', words.tooLong(fields.senderName, CAMPAIGN_SENDER_NAME_MAX));
        break;
      case 'message':
        errors.add('message', words.tooLong(fields.message, CAMPAIGN_MESSAGE_MAX));
        break;
      default:
        errors.add(null, words.form);
    }
  }
}

export function dueDateMessage(
  problem: 'invalid' | 'past' | 'tooFar',
  text: CampaignPagesText,
  now = new Date(),
): string {
  if (problem === 'tooFar') return text.errors.dueDateTooFar(maxDueDate(now));
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
    const reason = response.reason;
    errors.add(
      'dueDate',
      dueDateMessage(reason === 'past' || reason === 'tooFar' ? reason : 'invalid', text),
    );
  } else {
    errors.add(null, text.errors.form);
  }
  return errors.result();
}

/** The refusal of a post from another site, the same on every console form. */
export function otherSiteErrors(text: CampaignPagesText): CampaignFormErrors {
  return { messages: [text.errors.otherSite], fields: [], byField: {} };
}
