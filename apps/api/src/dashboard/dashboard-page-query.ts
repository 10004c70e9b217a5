import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SupplierListQueryDto } from './dto/supplier-list-query.dto';

const FILTER_KEYS = [
  'scope',
  'campaign',
  'criticality',
  'category',
  'sizeClass',
  'tier',
  'owner',
] as const;
const LIST_KEYS = [...FILTER_KEYS, 'sort', 'order', 'page'] as const;

/**
 * Pages read the same filters as the API from their URL (shareable links). An HTML form sends
 * empty values for "all", and `lang` belongs to the console, so both are dropped first.
 */
export function parsePageQuery(raw: unknown): SupplierListQueryDto {
  const source = (raw ?? {}) as Record<string, unknown>;
  const clean: Record<string, unknown> = {};
  for (const key of LIST_KEYS) {
    const value = source[key];
    if (typeof value === 'string' && value.trim() !== '') clean[key] = value.trim();
  }
  const dto = plainToInstance(SupplierListQueryDto, clean);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw new BadRequestException(errors.flatMap((e) => Object.values(e.constraints ?? {})));
  }
  return dto;
}

/** A dashboard URL with the current filters and some of them replaced (undefined drops one). */
export function dashboardUrl(
  query: SupplierListQueryDto,
  changes: Partial<Record<(typeof LIST_KEYS)[number], string | number | undefined>> = {},
  path = '/dashboard',
): string {
  const params = new URLSearchParams();
  const merged: Record<string, unknown> = { ...query, ...changes };
  for (const key of LIST_KEYS) {
    if (key in changes && changes[key] === undefined) continue;
    const value = merged[key];
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export function filterOnly(query: SupplierListQueryDto): SupplierListQueryDto {
  const filter: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) if (query[key] !== undefined) filter[key] = query[key];
  return filter as SupplierListQueryDto;
}
