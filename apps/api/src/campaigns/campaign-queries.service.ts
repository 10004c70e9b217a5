import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ASSESSMENT_STATUSES, AssessmentStatus, Campaign } from '@kakehashi/database';
import { tokyoToday } from '@kakehashi/mail';
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
  /** Invitation mails by delivery state. */
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
    if (!campaign) throw new NotFoundException('campaign not found');
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
    const campaign = await this.requireCampaign(organizationId, id);
    const today = tokyoToday();
    const statusRows = await this.dataSource.query<{ status: AssessmentStatus; n: number }[]>(
      `SELECT status, count(*)::int AS n FROM assessments
        WHERE campaign_id = $1 AND organization_id = $2 GROUP BY status`,
      [id, organizationId],
    );
    const counts = Object.fromEntries(
      [...ASSESSMENT_STATUSES, 'overdue'].map((status) => [status, 0]),
    ) as CampaignDetail['counts'];
    for (const row of statusRows) counts[row.status] = row.n;
    if (campaign.status === 'launched' && campaign.dueDate < today) {
      counts.overdue = counts.invited + counts.opened + counts.in_progress;
    }
    const deliveryRows = await this.dataSource.query<{ status: string; n: number }[]>(
      `SELECT status, count(*)::int AS n FROM mail_messages
        WHERE campaign_id = $1 AND organization_id = $2 AND kind = 'invitation' GROUP BY status`,
      [id, organizationId],
    );
    const delivery = { queued: 0, sent: 0, failed: 0, skipped: 0 };
    for (const row of deliveryRows) delivery[row.status as keyof typeof delivery] = row.n;
    const undeliverable = await this.dataSource.query<CampaignDetail['undeliverable']>(
      `SELECT a.supplier_id AS "supplierId", s.name AS "supplierName", ct.email AS "contactEmail",
              ct.undeliverable_reason AS "reason"
         FROM assessments a
         JOIN suppliers s ON s.id = a.supplier_id
         JOIN supplier_contacts ct ON ct.supplier_id = a.supplier_id AND ct.is_primary
        WHERE a.campaign_id = $1 AND a.organization_id = $2 AND ct.undeliverable_at IS NOT NULL
        ORDER BY s.name`,
      [id, organizationId],
    );
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

  async assessments(
    organizationId: string,
    id: string,
    query: AssessmentListQueryDto,
  ): Promise<Page<unknown>> {
    const campaign = await this.requireCampaign(organizationId, id);
    const params: unknown[] = [id, organizationId];
    let filter = '';
    if (query.status) {
      params.push(query.status);
      filter = ` AND a.status = $${params.length}`;
    }
    const [{ total }] = await this.dataSource.query<{ total: string }[]>(
      `SELECT count(*) AS total FROM assessments a
        WHERE a.campaign_id = $1 AND a.organization_id = $2${filter}`,
      params,
    );
    const overdue = campaign.status === 'launched' && campaign.dueDate < tokyoToday();
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT a.id, a.supplier_id AS "supplierId", s.name AS "supplierName", a.status,
              a.submitted_at AS "submittedAt", ct.email AS "contactEmail",
              ct.undeliverable_reason AS "undeliverableReason",
              COALESCE(m.status, 'none') AS "delivery", m.sent_at AS "invitedAt"
         FROM assessments a
         JOIN suppliers s ON s.id = a.supplier_id
         LEFT JOIN supplier_contacts ct ON ct.supplier_id = a.supplier_id AND ct.is_primary
         LEFT JOIN mail_messages m ON m.message_key = 'invite:' || a.id
        WHERE a.campaign_id = $1 AND a.organization_id = $2${filter}
        ORDER BY s.name, a.id
        LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    const items = rows.map((row) => ({
      ...row,
      overdue: overdue && !['submitted', 'scored'].includes(row.status as string),
    }));
    return { items, total: Number(total), page: query.page, pageSize: query.pageSize };
  }
}
