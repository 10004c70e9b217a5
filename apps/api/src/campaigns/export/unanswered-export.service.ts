import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Environment } from '@kakehashi/config';
import { tokyoToday } from '@kakehashi/mail';
import { CsvCell, csvDocument } from '../../common/csv';
import type { Locale } from '../../console/console-locale';
import { assessmentActivity, latest, REMINDERS_SENT_SQL } from '../assessment-activity';
import { assessmentFilterSql, isCampaignOverdue, OPEN_STATUSES } from '../assessment-filter';
import { CampaignQueriesService } from '../campaign-queries.service';
import { UNANSWERED_EXPORT_TEXT } from './unanswered-export-text';
import type { UnansweredFilter } from './unanswered-export-query.dto';

type OpenStatus = (typeof OPEN_STATUSES)[number];

interface UnansweredRow {
  id: string;
  supplierName: string;
  corporateNumber: string | null;
  contactName: string | null;
  contactEmail: string | null;
  status: OpenStatus;
  openedAt: Date | null;
  remindersSent: number;
}

// Where they were first defined: still importable from here.
export { LAST_ACTIVITY_SQL, OPENED_ACTIONS, SAVED_ACTION } from '../assessment-activity';

const TOKYO_DATE_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  dateStyle: 'short',
  timeStyle: 'short',
});

/**
 * The suppliers of a campaign that have not submitted, as CSV for chasing them (UTF-8 with BOM,
 * for Excel): supplier, corporate number, primary contact, status, when they last opened and
 * saved the questionnaire, how many reminders reached them, the due date and the console link.
 * Contacts have no phone number on record, so there is none to export.
 */
@Injectable()
export class UnansweredExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: CampaignQueriesService,
    private readonly env: Environment,
  ) {}

  async csv(input: {
    organizationId: string;
    campaignId: string;
    status: UnansweredFilter;
    locale: Locale;
  }): Promise<{ filename: string; body: string; rowCount: number }> {
    const { organizationId, locale } = input;
    const campaign = await this.queries.requireCampaign(organizationId, input.campaignId);
    const overdue = isCampaignOverdue(campaign);
    const params: unknown[] = [campaign.id, organizationId];
    const filter = assessmentFilterSql(input.status, { params, campaignOverdue: overdue });
    const rows = await this.dataSource.query<UnansweredRow[]>(
      `SELECT a.id, s.name AS "supplierName", s.corporate_number AS "corporateNumber",
              ct.name AS "contactName", ct.email AS "contactEmail", a.status,
              a.opened_at AS "openedAt",
              ${REMINDERS_SENT_SQL} AS "remindersSent"
         FROM assessments a
         JOIN suppliers s ON s.id = a.supplier_id
         LEFT JOIN supplier_contacts ct ON ct.supplier_id = a.supplier_id AND ct.is_primary
        WHERE a.campaign_id = $1 AND a.organization_id = $2
          AND a.status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})${filter}
        ORDER BY s.name, a.id`,
      params,
    );
    const activity = await assessmentActivity(this.dataSource, {
      organizationId,
      ids: rows.map((row) => row.id),
      since: campaign.launchedAt ?? campaign.createdAt,
    });
    const t = UNANSWERED_EXPORT_TEXT[locale];
    const h = t.headers;
    const appUrl = this.env.APP_URL.replace(/\/$/, '');
    const cells: CsvCell[][] = rows.map((row) => {
      const seen = activity.get(row.id);
      const lastOpened = latest(seen?.lastOpened ?? null, row.openedAt);
      return [
        row.supplierName,
        row.corporateNumber,
        row.contactName,
        row.contactEmail,
        t.statuses[row.status],
        overdue ? t.yes : '',
        lastOpened ? tokyoDateTime(lastOpened) : '',
        seen?.lastSaved ? tokyoDateTime(seen.lastSaved) : '',
        row.remindersSent,
        campaign.dueDate,
        `${appUrl}/console/assessments/${row.id}`,
      ];
    });
    const headers = [
      h.supplierName,
      h.corporateNumber,
      h.contactName,
      h.contactEmail,
      h.status,
      h.overdue,
      h.lastOpened,
      h.lastSaved,
      h.remindersSent,
      h.dueDate,
      h.link,
    ];
    return {
      filename: `${t.filename}-${tokyoToday()}.csv`,
      body: csvDocument([headers, ...cells]),
      rowCount: cells.length,
    };
  }
}

/** `2026-11-30 09:05` in Japan time: a form spreadsheets read as a date and time. */
function tokyoDateTime(value: Date): string {
  return TOKYO_DATE_TIME.format(new Date(value));
}
