import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { FormErrorList, FormErrors, formRefusal } from '../../console/form-errors';
import { CreateSupplierDto, SUPPLIER_LIMITS } from '../dto/create-supplier.dto';
import { CONTACT_LIMITS } from '../dto/supplier-contact.dto';
import type { SupplierView } from '../supplier.view';
import type { SupplierPagesText } from './supplier-pages-text';

/** The flat HTML form: one primary contact; other contacts are kept as they are on edit. */
export interface SupplierFormValues {
  name: string;
  nameRomaji: string;
  corporateNumber: string;
  sizeClass: string;
  criticality: string;
  category: string;
  tags: string;
  /** `null` when the post has no such field: the owner is then left to the default. */
  ownerId: string | null;
  handlesConfidentialData: string;
  outageImpact: string;
  networkAccess: string;
  contactName: string;
  contactEmail: string;
  contactLanguage: string;
}

export type SupplierFormField = keyof SupplierFormValues;

export type SupplierFormErrors = FormErrorList<SupplierFormField>;

export type SupplierFormResult =
  { ok: true; dto: CreateSupplierDto } | { ok: false; errors: SupplierFormErrors };

const FIELDS: SupplierFormField[] = [
  'name',
  'nameRomaji',
  'corporateNumber',
  'sizeClass',
  'criticality',
  'category',
  'tags',
  'ownerId',
  'handlesConfidentialData',
  'outageImpact',
  'networkAccess',
  'contactName',
  'contactEmail',
  'contactLanguage',
];

const MAX_LENGTH: Partial<Record<SupplierFormField, number>> = {
  name: SUPPLIER_LIMITS.name,
  nameRomaji: SUPPLIER_LIMITS.nameRomaji,
  category: SUPPLIER_LIMITS.category,
  contactName: CONTACT_LIMITS.name,
  contactEmail: CONTACT_LIMITS.email,
};

const CONTACT_FIELDS: Record<string, SupplierFormField> = {
  name: 'contactName',
  email: 'contactEmail',
  language: 'contactLanguage',
};

const MAX_FIELD_CHARS = 10_000;

export function readForm(body: unknown): SupplierFormValues {
  const raw = (body ?? {}) as Record<string, unknown>;
  const values = {} as Record<SupplierFormField, string | null>;
  for (const field of FIELDS) {
    const value = raw[field];
    // Bounded only far above every field's own limit (tags joined can reach ~2,600), so an
    // over-long value is refused by the validators with their message, never cut silently.
    values[field] = typeof value === 'string' ? value.trim().slice(0, MAX_FIELD_CHARS) : '';
  }
  if (raw.ownerId === undefined) values.ownerId = null;
  return values as SupplierFormValues;
}

export function formFromSupplier(supplier: SupplierView): SupplierFormValues {
  const primary = supplier.contacts?.find((c) => c.isPrimary);
  const answer = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no');
  return {
    name: supplier.name,
    nameRomaji: supplier.nameRomaji ?? '',
    corporateNumber: supplier.corporateNumber ?? '',
    sizeClass: supplier.sizeClass ?? '',
    criticality: String(supplier.criticality),
    category: supplier.category ?? '',
    tags: supplier.tags.join(', '),
    ownerId: supplier.ownerId ?? '',
    handlesConfidentialData: answer(supplier.handlesConfidentialData),
    outageImpact: answer(supplier.outageImpact),
    networkAccess: answer(supplier.networkAccess),
    contactName: primary?.name ?? '',
    contactEmail: primary?.email ?? '',
    contactLanguage: primary?.language ?? 'ja',
  };
}

/**
 * Turns the form into the same DTO the JSON API takes and runs the same validation (trimming and
 * the 法人番号 normalisation included), so the page and the API accept and refuse exactly the
 * same things; the refusals are then told in the page's own words.
 */
export async function toSupplierDto(
  form: SupplierFormValues,
  input: { otherContacts: CreateSupplierDto['contacts']; text: SupplierPagesText },
): Promise<SupplierFormResult> {
  const answer = (value: string) => (value === 'yes' ? true : value === 'no' ? false : null);
  const otherContacts = input.otherContacts
    .filter((c) => c.email.toLowerCase() !== form.contactEmail.toLowerCase())
    .map((c) => ({ ...c, isPrimary: false }));
  const plain = {
    name: form.name,
    nameRomaji: form.nameRomaji || null,
    corporateNumber: form.corporateNumber || null,
    sizeClass: form.sizeClass || null,
    criticality: Number(form.criticality || '2'),
    category: form.category || null,
    tags: form.tags.split(/[,、，]/),
    ownerId: form.ownerId === null ? undefined : form.ownerId || null,
    handlesConfidentialData: answer(form.handlesConfidentialData),
    outageImpact: answer(form.outageImpact),
    networkAccess: answer(form.networkAccess),
    contacts: [
      {
        name: form.contactName,
        email: form.contactEmail,
        language: form.contactLanguage === 'en' ? 'en' : 'ja',
        isPrimary: true,
      },
      ...otherContacts,
    ],
  };
  const dto = plainToInstance(CreateSupplierDto, plain);
  const failures = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (failures.length === 0) return { ok: true, dto };
  return {
    ok: false,
    errors: describeFailures(failures, { form, otherContacts, text: input.text }),
  };
}

function describeFailures(
  failures: ValidationError[],
  input: {
    form: SupplierFormValues;
    otherContacts: CreateSupplierDto['contacts'];
    text: SupplierPagesText;
  },
): SupplierFormErrors {
  const { form, text } = input;
  const errors = new FormErrors(FIELDS);
  const describe = (field: SupplierFormField, constraints: string[]) => {
    errors.add(field, fieldMessage({ field, constraints, value: form[field] ?? '', text }));
  };
  for (const failure of failures) {
    if (failure.property !== 'contacts') {
      describe(failure.property as SupplierFormField, Object.keys(failure.constraints ?? {}));
      continue;
    }
    for (const entry of failure.children ?? []) {
      const position = Number(entry.property);
      if (position > 0) {
        const other = input.otherContacts[position - 1];
        errors.add(null, text.errors.otherContact(other?.email ?? ''));
        continue;
      }
      for (const child of entry.children ?? []) {
        const field = CONTACT_FIELDS[child.property];
        if (field) describe(field, Object.keys(child.constraints ?? {}));
      }
    }
  }
  if (errors.size === 0) errors.add(null, text.errors.form);
  return errors.result();
}

function fieldMessage(input: {
  field: SupplierFormField;
  constraints: string[];
  value: string;
  text: SupplierPagesText;
}): string {
  const { field, constraints, text } = input;
  const label = text.errors.labels[field];
  if (field === 'corporateNumber') return text.errors.corporateNumber;
  if (field === 'ownerId') return text.errors.owner;
  if (field === 'tags') {
    return constraints.includes('arrayMaxSize')
      ? text.errors.tooManyTags(SUPPLIER_LIMITS.tags)
      : text.errors.tagTooLong(SUPPLIER_LIMITS.tagLength);
  }
  if (input.value === '' || constraints.includes('isNotEmpty')) return text.errors.required(label);
  const max = MAX_LENGTH[field];
  if (max !== undefined && constraints.includes('maxLength'))
    return text.errors.tooLong(label, max);
  if (constraints.includes('isEmail')) return text.errors.email(label);
  return text.errors.invalid(label);
}

/**
 * Refusals from the service (a 法人番号 already registered, an owner who may not own) in the
 * page's words. A refusal the form cannot cause gets the general message; a missing supplier
 * and server errors are not the form's business and are thrown on.
 */
export function serviceErrors(
  error: unknown,
  input: { dto: CreateSupplierDto; text: SupplierPagesText },
): SupplierFormErrors {
  const refusal = formRefusal(error);
  const { text } = input;
  const response = refusal.getResponse() as {
    field?: unknown;
    existingSupplier?: { name?: unknown };
  };
  const errors = new FormErrors(FIELDS);
  if (refusal.getStatus() === 409) {
    const name = response.existingSupplier?.name;
    errors.add(
      'corporateNumber',
      typeof name === 'string'
        ? text.errors.corporateNumberTaken(input.dto.corporateNumber ?? '', name)
        : text.errors.corporateNumberTakenElsewhere,
    );
  } else if (response.field === 'ownerId') {
    errors.add('ownerId', text.errors.owner);
  } else {
    errors.add(null, text.errors.form);
  }
  return errors.result();
}

// The refusal of a post from another site is the same on every console form.
export { otherSiteErrors } from '../../console/form-errors';
