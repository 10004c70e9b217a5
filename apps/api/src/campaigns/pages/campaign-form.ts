import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DEFAULT_CATALOG_VERSION } from '@kakehashi/domain';
import { CreateCampaignDto } from '../dto/create-campaign.dto';

export interface CampaignFormValues {
  name: string;
  dueDate: string;
  supplierIds: string[];
}

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

/** Same DTO and validation as POST /api/v1/campaigns, so the page accepts what the API accepts. */
export async function toCreateCampaignDto(form: CampaignFormValues): Promise<CreateCampaignDto> {
  const dto = plainToInstance(CreateCampaignDto, {
    name: form.name,
    dueDate: form.dueDate,
    supplierIds: form.supplierIds,
    catalogVersion: DEFAULT_CATALOG_VERSION,
  });
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    throw new BadRequestException(
      errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; '),
    );
  }
  return dto;
}
