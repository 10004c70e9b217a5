import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@kakehashi/auth';
import { AuditEventCursor, AuditService } from '@kakehashi/database';
import { CSV_BOM, csvLine } from '../common/csv';
import type { Locale } from '../console/console-locale';
import { AuditEntry, toAuditEntry } from './audit-entry';
import { AuditReferencesQuery } from './audit-references.query';
import { recordExport } from './export-audit';
import type { AuditEventFilter } from '@kakehashi/database';

/** Events read per query: a trail of any length is written without holding it in memory. */
const BATCH = 500;

const HEADERS: Record<Locale, string[]> = {
  ja: [
    'ID',
    '日時（日本時間）',
    '操作者の種別',
    '操作者',
    '操作者のメールアドレス',
    '操作',
    '操作コード',
    '対象の種別',
    '対象',
    '対象ID',
    '詳細',
    'IPアドレス',
  ],
  en: [
    'ID',
    'Time (Japan)',
    'Actor type',
    'Actor',
    'Actor email',
    'Action',
    'Action code',
    'Target type',
    'Target',
    'Target ID',
    'Details',
    'IP address',
  ],
};

export function auditCsvHeaders(locale: Locale): string[] {
  return HEADERS[locale];
}

function cells(entry: AuditEntry): (string | null)[] {
  return [
    entry.id,
    entry.at,
    entry.actor.type,
    entry.actor.name,
    entry.actor.email,
    entry.action.label,
    entry.action.code,
    entry.target?.type ?? null,
    entry.target?.name ?? null,
    entry.target?.id || null,
    entry.details.map((d) => `${d.key}: ${d.value}`).join('\n') || null,
    entry.ip,
  ];
}

/** The organization's audit events that match, newest first, as CSV for auditors to file. */
@Injectable()
export class AuditExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly references: AuditReferencesQuery,
  ) {}

  /**
   * Records the export first (who, which filters, how many events), then gives the file: the
   * events recorded before that record, so the file holds what it says and not its own record.
   * If the record cannot be written this throws, and nothing of the trail is handed out.
   */
  async csv(input: {
    user: AuthenticatedUser;
    filter: AuditEventFilter;
    /** The query's filters as given, for the record. */
    filters: Record<string, unknown>;
    locale: Locale;
    ip?: string | null;
  }): Promise<{ rowCount: number; body: AsyncGenerator<string> }> {
    const { organizationId } = input.user;
    // One snapshot for the count and the record: the events counted are those before the record.
    const isolation = 'REPEATABLE READ';
    const { rowCount, recorded } = await this.dataSource.transaction(isolation, async (manager) => {
      const count = await this.audit.countForOrganization(organizationId, {
        filter: input.filter,
        manager,
      });
      const cursor = await recordExport(this.audit, {
        user: input.user,
        kind: 'auditLog',
        format: 'csv',
        lang: input.locale,
        filters: input.filters,
        rowCount: count,
        ip: input.ip,
        manager,
      });
      return { rowCount: count, recorded: cursor };
    });
    return { rowCount, body: this.pieces(input, recorded) };
  }

  /** The file in pieces (UTF-8 with BOM, CRLF): the header row, then a batch of events at a time. */
  private async *pieces(
    input: { user: AuthenticatedUser; filter: AuditEventFilter; locale: Locale },
    start: AuditEventCursor,
  ): AsyncGenerator<string> {
    const { organizationId } = input.user;
    yield CSV_BOM + csvLine(auditCsvHeaders(input.locale));
    let after: AuditEventCursor | undefined = start;
    do {
      const batch = await this.audit.batchForOrganization(organizationId, {
        filter: input.filter,
        after,
        size: BATCH,
      });
      if (batch.events.length === 0) break;
      const refs = await this.references.load(organizationId, batch.events);
      const view = { locale: input.locale, role: input.user.role };
      yield batch.events.map((e) => csvLine(cells(toAuditEntry(e, refs, view)))).join('');
      after = batch.next ?? undefined;
    } while (after);
  }
}
