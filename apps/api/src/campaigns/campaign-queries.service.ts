import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ASSESSMENT_STATUSES, AssessmentStatus, Campaign } from '@kakehashi/database';
import { tokyoToday } from '@kakehashi/mail';
import { looksLikeCorporateNumber, normalizeCorporateNumber } from '../suppliers/corporate-number';
import { foldedSql, foldForSearch } from '../suppliers/search-folding';
import { assessmentActivity, latest, REMINDERS_SENT_SQL } from './assessment-activity';
import { assessmentFilterSql, isCampaignOverdue } from './assessment-filter';
import { pendingInvitations, withMailRecipients } from './campaign-mail-recipients';
import { AssessmentListQueryDto, CampaignListQueryDto } from './dto/list-query.dto';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CampaignDetail {
  id: string;
  name: string;
  status: Campaign['status'];
  catalogVersion: string;
  dueDate: string;
  senderName: string | null;
  message: string | null;
  reminderPolicy: Campaign['reminderPolicy'];
  ownerId: string;
  launchedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  /** Chosen suppliers while still a draft. */
  draftSupplierCount: number;
  counts: Record<AssessmentStatus | 'overdue', number>;
  /** Invitation mails by delivery state; queued counts those not written yet after a launch. */
  delivery: { queued: number; sent: number; failed: number; skipped: number };
  undeliverable: {
    supplierId: string;
    supplierName: string;
    contactEmail: string;
    reason: string | null;
  }[];
}

/** Read side of campaigns; every query is filtered by the caller's tenant. */
@Injectable()
export class CampaignQueriesService {
  constructor(private readonly dataSource: DataSource) {}

  async requireCampaign(organizationId: string, id: string): Promise<Campaign> {
    const campaign = await this.dataSource
      .getRepository(Campaign)
      .findOne({ where: { id, organizationId } });
    if (!campaign) throw new NotFoundException('Campaign not found');
    return campaign;
  }

  async list(organizationId: string, query: CampaignListQueryDto): Promise<Page<unknown>> {
    const params: unknown[] = [organizationId];
    let filter = '';
    if (query.status) {
      params.push(query.status);
      filter = ` AND c.status = $${params.length}`;
    }
    const [{ total }] = await this.dataSource.query<{ total: string }[]>(
      `SELECT count(*) AS total FROM campaigns c WHERE c.organization_id = $1${filter}`,
      params,
    );
    const items = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT c.id, c.name, c.status, c.catalog_version AS "catalogVersion",
              to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate", c.launched_at AS "launchedAt",
              c.created_at AS "createdAt",
              (SELECT count(*)::int FROM assessments a WHERE a.campaign_id = c.id) AS "assessments"
         FROM campaigns c WHERE c.organization_id = $1${filter}
        ORDER BY c.created_at DESC, c.id
        LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    return { items, total: Number(total), page: query.page, pageSize: query.pageSize };
  }

  async detail(organizationId: string, id: string): Promise<CampaignDetail> {
    const [detail] = await this.details(organizationId, [id]);
    if (!detail) throw new NotFoundException('Campaign not found');
    return detail;
  }

  /**
   * The details of several campaigns of one tenant with five queries in all, whatever their
   * number (the list page shows a page of them). Unknown ids are left out; order follows `ids`.
   */
  async details(organizationId: string, ids: string[]): Promise<CampaignDetail[]> {
    if (ids.length === 0) return [];
    const campaigns = await this.dataSource
      .getRepository(Campaign)
      .findBy({ id: In(ids), organizationId });
    if (campaigns.length === 0) return [];
    const found = campaigns.map((c) => c.id);
    const today = tokyoToday();
    const [statusRows, deliveryRows, undeliverableRows] = await Promise.all([
      this.dataSource.query<{ campaign_id: string; status: AssessmentStatus; n: number }[]>(
        `SELECT campaign_id, status, count(*)::int AS n FROM assessments
          WHERE campaign_id = ANY($1::uuid[]) AND organization_id = $2
          GROUP BY campaign_id, status`,
        [found, organizationId],
      ),
      this.dataSource.query<{ campaign_id: string; status: string; n: number }[]>(
        `SELECT campaign_id, status, count(*)::int AS n FROM mail_messages
          WHERE campaign_id = ANY($1::uuid[]) AND organization_id = $2 AND kind = 'invitation'
          GROUP BY campaign_id, status`,
        [found, organizationId],
      ),
      this.dataSource.query<(CampaignDetail['undeliverable'][number] & { campaignId: string })[]>(
        `SELECT a.campaign_id AS "campaignId", a.supplier_id AS "supplierId",
                s.name AS "supplierName", ct.email AS "contactEmail",
                ct.undeliverable_reason AS "reason"
           FROM assessments a
           JOIN suppliers s ON s.id = a.supplier_id
           JOIN supplier_contacts ct ON ct.supplier_id = a.supplier_id AND ct.is_primary
          WHERE a.campaign_id = ANY($1::uuid[]) AND a.organization_id = $2
            AND ct.undeliverable_at IS NOT NULL
          ORDER BY s.name`,
        [found, organizationId],
      ),
    ]);
    const pending = await pendingInvitations(this.dataSource, {
      organizationId,
      campaignIds: found,
    });
    const byId = new Map(campaigns.map((c) => [c.id, c]));
    return ids.flatMap((id) => {
      const campaign = byId.get(id);
      if (!campaign) return [];
      const counts = Object.fromEntries(
        [...ASSESSMENT_STATUSES, 'overdue'].map((status) => [status, 0]),
      ) as CampaignDetail['counts'];
      for (const row of statusRows) if (row.campaign_id === id) counts[row.status] = row.n;
      if (campaign.status === 'launched' && campaign.dueDate < today) {
        counts.overdue = counts.invited + counts.opened + counts.in_progress;
      }
      const delivery = { queued: 0, sent: 0, failed: 0, skipped: 0 };
      for (const row of deliveryRows) {
        if (row.campaign_id === id) delivery[row.status as keyof typeof delivery] = row.n;
      }
      delivery.queued += pending.get(id) ?? 0;
      const undeliverable = undeliverableRows
        .filter((row) => row.campaignId === id)
        .map(({ campaignId: _campaignId, ...row }) => row);
      return [toDetail(campaign, counts, delivery, undeliverable)];
    });
  }

  async assessments(
    organizationId: string,
    id: string,
    query: AssessmentListQueryDto,
  ): Promise<Page<unknown>> {
    const campaign = await this.requireCampaign(organizationId, id);
    const overdue = isCampaignOverdue(campaign);
    const params: unknown[] = [id, organizationId];
    const filter =
      assessmentFilterSql(query.status, { params, campaignOverdue: overdue }) +
      searchSql(query.q, params);
    const [{ total }] = await this.dataSource.query<{ total: string }[]>(
      `SELECT count(*) AS total FROM assessments a
         JOIN suppliers s ON s.id = a.supplier_id
        WHERE a.campaign_id = $1 AND a.organization_id = $2${filter}`,
      params,
    );
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT a.id, a.supplier_id AS "supplierId", s.name AS "supplierName", a.status,
              a.submitted_at AS "submittedAt", ct.email AS "contactEmail",
              ct.undeliverable_reason AS "undeliverableReason",
              COALESCE(m.status, 'none') AS "delivery", m.sent_at AS "invitedAt",
              a.opened_at AS "openedAt", ${REMINDERS_SENT_SQL} AS "remindersSent"
         FROM assessments a
         JOIN suppliers s ON s.id = a.supplier_id
         LEFT JOIN supplier_contacts ct ON ct.supplier_id = a.supplier_id AND ct.is_primary
         LEFT JOIN mail_messages m ON m.message_key = 'invite:' || a.id
        WHERE a.campaign_id = $1 AND a.organization_id = $2${filter}
        ORDER BY s.name, a.id
        LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    // When each was last opened and how many reminders reached it: the same as the CSV.
    const activity = await assessmentActivity(this.dataSource, {
      organizationId,
      ids: rows.map((row) => row.id as string),
      since: campaign.launchedAt ?? campaign.createdAt,
    });
    const items = rows.map(({ openedAt, ...row }) => ({
      ...row,
      lastOpenedAt: latest(
        activity.get(row.id as string)?.lastOpened ?? null,
        openedAt as Date | null,
      ),
      overdue: overdue && !['submitted', 'scored'].includes(row.status as string),
    }));
    return {
      items: await withMailRecipients(this.dataSource, {
        organizationId,
        campaignStatus: campaign.status,
        rows: items,
      }),
      total: Number(total),
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}

/**
 * The list's search, as the supplier registry's: the supplier's name or romanised name (folded
 * alike: NFKC, 異体字), its 法人番号 when typed as digits, or a contact's email. Adds its
 * parameters to `params`.
 */
function searchSql(typed: string | undefined, params: unknown[]): string {
  const q = typed ? foldForSearch(typed).trim() : '';
  if (!q) return '';
  params.push(`%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
  const like = `$${params.length}`;
  const clauses = [
    `${foldedSql('s.name')} ILIKE ${like}`,
    `${foldedSql('s.name_romaji')} ILIKE ${like}`,
    `EXISTS (SELECT 1 FROM supplier_contacts sc
              WHERE sc.supplier_id = a.supplier_id AND sc.organization_id = a.organization_id
                AND sc.email ILIKE ${like})`,
  ];
  const digits = looksLikeCorporateNumber(typed!) ? normalizeCorporateNumber(typed!) : '';
  if (digits) {
    params.push(`%${digits}%`);
    clauses.push(`s.corporate_number LIKE $${params.length}`);
  }
  return ` AND (${clauses.join(' OR ')})`;
}

function toDetail(
  campaign: Campaign,
  counts: CampaignDetail['counts'],
  delivery: CampaignDetail['delivery'],
  undeliverable: CampaignDetail['undeliverable'],
): CampaignDetail {
  return {
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    catalogVersion: campaign.catalogVersion,
    dueDate: campaign.dueDate,
    senderName: campaign.senderName,
    message: campaign.message,
    reminderPolicy: {
      beforeDays: campaign.reminderPolicy.beforeDays,
      overdueEveryDays: campaign.reminderPolicy.overdueEveryDays,
      escalateAfterOverdue: campaign.reminderPolicy.escalateAfterOverdue,
    },
    ownerId: campaign.ownerId,
    launchedAt: campaign.launchedAt?.toISOString() ?? null,
    closedAt: campaign.closedAt?.toISOString() ?? null,
    createdAt: campaign.createdAt.toISOString(),
    draftSupplierCount: campaign.status === 'draft' ? campaign.draftSupplierIds.length : 0,
    counts,
    delivery,
    undeliverable,
  };
}
