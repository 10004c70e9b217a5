import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@kakehashi/auth';
import type { AuditEventCursor, AuditService } from '@kakehashi/database';

/** The downloads of tenant data an auditor can trace, one action each (labelled in audit-labels). */
export const EXPORT_ACTIONS = {
  suppliers: 'supplier.exported',
  dashboard: 'dashboard.exported',
  unansweredAssessments: 'campaign.unanswered_exported',
  auditLog: 'audit.exported',
} as const;

export type ExportKind = keyof typeof EXPORT_ACTIONS;

/**
 * The filters a query carried, as recorded: only the parameters given (paging and the file's
 * language left out), in a stable order, so the trail says which rows left and nothing more.
 */
export function exportFilters(
  query: object,
  leaveOut: readonly string[] = ['lang', 'page', 'pageSize'],
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(query)
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .filter(([key]) => !leaveOut.includes(key))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/**
 * Records who downloaded which data (kind, format, filters, how many rows), in the exporter's
 * tenant. Call it before the file is sent and let a failure propagate: a file whose download could
 * not be recorded is not handed out (the request ends in a 500 instead).
 */
export function recordExport(
  audit: AuditService,
  input: {
    user: AuthenticatedUser;
    kind: ExportKind;
    format: 'csv' | 'xlsx';
    lang: string;
    filters: Record<string, unknown>;
    rowCount: number;
    target?: { type: string; id: string };
    ip?: string | null;
    extra?: Record<string, unknown>;
    /** The transaction to record it in, if any. */
    manager?: EntityManager;
  },
): Promise<AuditEventCursor> {
  return audit.recordAt(
    {
      organizationId: input.user.organizationId,
      actorType: 'user',
      actorId: input.user.id,
      action: EXPORT_ACTIONS[input.kind],
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      details: {
        format: input.format,
        lang: input.lang,
        filters: input.filters,
        rowCount: input.rowCount,
        ...input.extra,
      },
      ip: input.ip ?? null,
    },
    input.manager,
  );
}

/** The 500 of an export route (ApiErrors), in the words of its description. */
export const EXPORT_NOT_RECORDED =
  'The download could not be recorded in the audit trail, so no data was sent';
