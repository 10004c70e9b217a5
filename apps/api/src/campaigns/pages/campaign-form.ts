import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { DEFAULT_CATALOG_VERSION } from '@kakehashi/domain';
import { FormErrorList, FormErrors, formRefusal } from '../../console/form-errors';
import { dueDateProblem } from '../create-campaign.use-case';
import {
  CAMPAIGN_NAME_MAX,
  CreateCampaignDto,
  MAX_CAMPAIGN_SUPPLIERS,
} from '../dto/create-campaign.dto';
import type { CampaignPagesText } from './campaign-pages-text';

export interface CampaignFormValues {
  name: string;
  dueDate: string;
  supplierIds: string[];
}

type CampaignFormField = keyof CampaignFormValues;

export type CampaignFormErrors = FormErrorList<CampaignFormField>;

export type CampaignFormResult =
  { ok: true; dto: CreateCampaignDto } | { ok: false; errors: CampaignFormErrors };

const FIELD_ORDER: CampaignFormField[] = ['name', 'dueDate', 'supplierIds'];

/** The form's fields; a multi-select sends one value or several under the same name. */
export function readCampaignForm(body: unknown): CampaignFormValues {
  const raw = (body ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 500) : '');
  const ids = Array.isArray(raw.supplierIds) ? raw.supplierIds : [raw.supplierIds];
  return {
    name: text(raw.name),
    dueDate: text(raw.dueDate),
    supplierIds: ids.filter((id): id is string => typeof id === 'string' && id !== ''),
  };
}

/**
 * Same DTO and rules as POST /api/v1/campaigns (the due date included), so the page accepts what
 * the API accepts; the refusals are then told in the page's own words.
 */
export async function toCreateCampaignDto(
  form: CampaignFormValues,
  text: CampaignPagesText,
  now = new Date(),
): Promise<CampaignFormResult> {
  const dto = plainToInstance(CreateCampaignDto, {
    name: form.name,
    dueDate: form.dueDate,
    supplierIds: form.supplierIds,
    catalogVersion: DEFAULT_CATALOG_VERSION,
  });
  const failures = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  const errors = describeFailures(failures, form, text);
  if (!errors.has('dueDate')) {
    const problem = dueDateProblem(dto.dueDate, now);
    if (problem) errors.add('dueDate', dueDateMessage(problem, text));
  }
  return errors.size === 0 ? { ok: true, dto } : { ok: false, errors: errors.result() };
}

function describeFailures(
  failures: ValidationError[],
  form: CampaignFormValues,
  text: CampaignPagesText,
): FormErrors<CampaignFormField> {
  const errors = new FormErrors(FIELD_ORDER);
  for (const failure of failures) {
    const constraints = Object.keys(failure.constraints ?? {});
    if (failure.property === 'name') {
      errors.add(
        'name',
        form.name === '' || constraints.includes('isNotEmpty')
          ? text.errors.required(text.fields.name)
          : text.errors.tooLong(text.fields.name, CAMPAIGN_NAME_MAX),
      );
    } else if (failure.property === 'dueDate') {
      errors.add(
        'dueDate',
        form.dueDate === '' ? text.errors.required(text.fields.dueDate) : text.errors.dueDateFormat,
      );
    } else if (failure.property === 'supplierIds') {
      errors.add(
        'supplierIds',
        constraints.includes('arrayMaxSize')
          ? text.errors.tooManySuppliers(MAX_CAMPAIGN_SUPPLIERS.toLocaleString('en-US'))
          : text.errors.suppliers,
      );
    } else {
      errors.add(null, text.errors.form);
    }
  }
  return errors;
}

function dueDateMessage(problem: 'invalid' | 'past', text: CampaignPagesText): string {
  return problem === 'past' ? text.errors.dueDatePast : text.errors.dueDateFormat;
}

/**
 * Refusals from the use case in the page's words: suppliers that are gone (deleted or another
 * tenant's), a due date that became the past at midnight. An unknown campaign and server errors
 * are thrown on.
 */
export function serviceErrors(error: unknown, text: CampaignPagesText): CampaignFormErrors {
  const response = formRefusal(error).getResponse() as {
    unknownSupplierIds?: unknown;
    field?: unknown;
    reason?: unknown;
  };
  const errors = new FormErrors(FIELD_ORDER);
  if (Array.isArray(response.unknownSupplierIds)) {
    errors.add('supplierIds', text.errors.unknownSuppliers(response.unknownSupplierIds.length));
  } else if (response.field === 'dueDate') {
    errors.add('dueDate', dueDateMessage(response.reason === 'past' ? 'past' : 'invalid', text));
  } else {
    errors.add(null, text.errors.form);
  }
  return errors.result();
}

// The refusal of a post from another site is the same on every console form.
export { otherSiteErrors } from '../../console/form-errors';
