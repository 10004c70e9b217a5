import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AUDIT_ACTOR_TYPES } from '@kakehashi/database';
import { ListAuditEventsQuery } from '../dto/list-audit-events.query';

/** The page's own parameters (shareable links); `lang` belongs to the console and is left alone. */
const PAGE_KEYS = ['action', 'actor', 'targetType', 'targetId', 'from', 'to', 'page'] as const;

/**
 * The page's filters as its form sends them. `actor` is one select: a user's id, or a kind of
 * actor (`user` for every user, `supplier`, `system`, `anonymous`).
 */
export type AuditPageQuery = Partial<Record<(typeof PAGE_KEYS)[number], string>>;

export interface ParsedAuditPageQuery {
  query: AuditPageQuery;
  /** The same filters as the API reads them, validated by the API's own rules. */
  api: ListAuditEventsQuery;
  /** The only problem is an end date before the start date: the form says so itself. */
  rangeInverted: boolean;
}

/**
 * Reads the page's address with the API's validation: an empty value (the form's "all") is no
 * filter, and any other bad value is a 400 (the console's error page), as the API answers it.
 */
export function parseAuditPageQuery(raw: unknown): ParsedAuditPageQuery {
  const source = (raw ?? {}) as Record<string, unknown>;
  const query: AuditPageQuery = {};
  const problems: string[] = [];
  for (const key of PAGE_KEYS) {
    const value = source[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') problems.push(`${key} must be given once`);
    else if (value.trim() !== '') query[key] = value.trim();
  }
  if (problems.length > 0) throw new BadRequestException(problems);
  const { actor, ...rest } = query;
  const plain: Record<string, string> = { ...rest };
  if (actor !== undefined) {
    if ((AUDIT_ACTOR_TYPES as readonly string[]).includes(actor)) plain.actorType = actor;
    else Object.assign(plain, { actorType: 'user', actorId: actor });
  }
  const api = plainToInstance(ListAuditEventsQuery, plain);
  const errors = validateSync(api, { whitelist: true, forbidNonWhitelisted: true });
  const rangeInverted =
    errors.length > 0 &&
    errors.every(
      (e) => e.property === 'to' && Object.keys(e.constraints ?? {}).join() === 'isNotBefore',
    );
  if (errors.length > 0 && !rangeInverted) {
    throw new BadRequestException(errors.flatMap((e) => Object.values(e.constraints ?? {})));
  }
  return { query, api, rangeInverted };
}

/** The page's address with these filters, on `page` (the first when absent). */
export function auditPageUrl(query: AuditPageQuery, page?: number): string {
  const params = new URLSearchParams();
  for (const key of PAGE_KEYS) {
    const value = key === 'page' ? (page && page > 1 ? String(page) : undefined) : query[key];
    if (value) params.set(key, value);
  }
  const search = params.toString();
  return search ? `/console/audit?${search}` : '/console/audit';
}

/** Everything recorded about one target: the page filtered by its kind and id. */
export function auditTargetHistoryUrl(targetType: string, targetId: string): string {
  return auditPageUrl({ targetType, targetId });
}

/** The CSV export of the same filters, in the page's language. */
export function auditCsvUrl(api: ListAuditEventsQuery, lang: string): string {
  const params = new URLSearchParams();
  for (const key of [
    'action',
    'actorType',
    'actorId',
    'targetType',
    'targetId',
    'from',
    'to',
  ] as const) {
    const value = api[key];
    if (value) params.set(key, value);
  }
  params.set('lang', lang);
  return `/api/v1/audit-events/export.csv?${params.toString()}`;
}
