import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateSupplierDto } from '../dto/create-supplier.dto';
import type { SupplierView } from '../supplier.view';

/** The flat HTML form: one primary contact; other contacts are kept as they are on edit. */
export interface SupplierFormValues {
  name: string;
  nameRomaji: string;
  corporateNumber: string;
  sizeClass: string;
  criticality: string;
  category: string;
  tags: string;
  ownerId: string;
  handlesConfidentialData: string;
  outageImpact: string;
  networkAccess: string;
  contactName: string;
  contactEmail: string;
  contactLanguage: string;
}

const FIELDS: (keyof SupplierFormValues)[] = [
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

export function readForm(body: unknown): SupplierFormValues {
  const raw = (body ?? {}) as Record<string, unknown>;
  const values = {} as SupplierFormValues;
  for (const field of FIELDS) {
    const value = raw[field];
    values[field] = typeof value === 'string' ? value.trim().slice(0, 500) : '';
  }
  return values;
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
 * Turns the form into the same DTO the JSON API takes and runs the same validation, so the page
 * and the API accept and refuse exactly the same things.
 */
export async function toSupplierDto(
  form: SupplierFormValues,
  otherContacts: CreateSupplierDto['contacts'],
): Promise<CreateSupplierDto> {
  const answer = (value: string) => (value === 'yes' ? true : value === 'no' ? false : null);
  const plain = {
    name: form.name,
    nameRomaji: form.nameRomaji || null,
    corporateNumber: form.corporateNumber.normalize('NFKC').replace(/[\s-]/g, '') || null,
    sizeClass: form.sizeClass || null,
    criticality: Number(form.criticality || '2'),
    category: form.category || null,
    tags: form.tags
      .split(/[,、]/)
      .map((t) => t.trim())
      .filter(Boolean),
    ownerId: form.ownerId || null,
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
      ...otherContacts
        .filter((c) => c.email.toLowerCase() !== form.contactEmail.toLowerCase())
        .map((c) => ({ ...c, isPrimary: false })),
    ],
  };
  const dto = plainToInstance(CreateSupplierDto, plain);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    const messages = errors.flatMap((e) =>
      e.children?.length
        ? e.children
            .flatMap((c) => c.children ?? [])
            .flatMap((c) => Object.values(c.constraints ?? {}))
        : Object.values(e.constraints ?? {}),
    );
    throw new BadRequestException(messages.join('; '));
  }
  return dto;
}
