import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ScoreResult } from '@kakehashi/domain';
import { DashboardScope, round } from './dashboard-scope';
import { storedFindingText, type StoredFinding } from '../common/finding-text';

type Row = Record<string, unknown>;
type Localized = { ja: string; en: string };

export interface SupplierRiskDetail {
  supplier: {
    id: string;
    name: string;
    criticality: number;
    category: string | null;
    sizeClass: string | null;
    ownerId: string | null;
  };
  current: {
    assessmentId: string;
    campaignId: string;
    riskScore: number;
    tier: string;
    directiveMaturity: number[];
    overallMaturity: number;
    securityAction: string;
    otasuketai: boolean;
    requiredLevel: string;
    achievedLevel: string;
    openFindings: number;
    scoredAt: string;
  } | null;
  portfolioAverage: number[];
  explanation: {
    status: string;
    levelGap: boolean;
    securityAction: ScoreResult['securityAction'];
    otasuketai: ScoreResult['otasuketai'];
    gates: { code: string; passed: boolean; message: Localized }[];
    engineVersion: string;
  } | null;
  findings: {
    id: string;
    code: string;
    severity: string;
    directives: number[];
    message: Localized;
    recommendation: Localized;
    status: string;
    /** The note given with the latest status change, if it had one. */
    note: string | null;
  }[];
  history: {
    assessmentId: string;
    campaignId: string;
    campaignName: string;
    dueDate: string;
    status: string;
    submittedAt: string | null;
    score: {
      riskScore: number;
      tier: string;
      directiveMaturity: number[];
      overallMaturity: number;
      scoredAt: string;
    } | null;
  }[];
  contacts: {
    id: string;
    name: string;
    email: string;
    isPrimary: boolean;
    undeliverable: boolean;
    undeliverableReason: string | null;
    lastMail: {
      kind: string;
      status: string;
      sentAt: string | null;
      lastError: string | null;
    } | null;
  }[];
}

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

/** One supplier's drill-down, all read from the roll-up and stored scores (never re-scored). */
@Injectable()
export class SupplierRiskDetailQuery {
  constructor(private readonly db: DataSource) {}

  async run(scope: DashboardScope, supplierId: string): Promise<SupplierRiskDetail> {
    // Ownership is a view filter, not access control: every buyer of the tenant reads any of
    // its suppliers (as the registry and the assessment pages do).
    const params: unknown[] = [scope.organizationId, supplierId];
    const [supplier] = await this.db.query<Row[]>(
      `SELECT s.id, s.name, s.criticality, s.category, s.size_class, s.owner_id,
         r.assessment_id, r.campaign_id, r.risk_score, r.tier, r.directive_maturity,
         r.overall_maturity, r.security_action, r.otasuketai, r.required_level, r.achieved_level,
         r.open_findings, r.scored_at, r.score_id, sc.result
       FROM suppliers s
       LEFT JOIN supplier_risk r ON r.supplier_id = s.id
       LEFT JOIN assessment_scores sc ON sc.id = r.score_id
       WHERE s.organization_id = $1 AND s.id = $2`,
      params,
    );
    // Another tenant's supplier is simply not there.
    if (!supplier) throw new NotFoundException('Supplier not found');
    const [portfolio, findings, history, contacts] = await Promise.all([
      this.portfolioAverage(scope.organizationId),
      supplier.score_id ? this.findings(scope.organizationId, String(supplier.score_id)) : [],
      this.history(scope.organizationId, supplierId),
      this.contacts(scope.organizationId, supplierId),
    ]);
    const result = supplier.result as ScoreResult | null;
    return {
      supplier: {
        id: String(supplier.id),
        name: String(supplier.name),
        criticality: Number(supplier.criticality),
        category: (supplier.category as string | null) ?? null,
        sizeClass: (supplier.size_class as string | null) ?? null,
        ownerId: (supplier.owner_id as string | null) ?? null,
      },
      current: supplier.score_id
        ? {
            assessmentId: String(supplier.assessment_id),
            campaignId: String(supplier.campaign_id),
            riskScore: Number(supplier.risk_score),
            tier: String(supplier.tier),
            directiveMaturity: supplier.directive_maturity as number[],
            overallMaturity: Number(supplier.overall_maturity),
            securityAction: String(supplier.security_action),
            otasuketai: Boolean(supplier.otasuketai),
            requiredLevel: String(supplier.required_level),
            achievedLevel: String(supplier.achieved_level),
            openFindings: Number(supplier.open_findings),
            scoredAt: iso(supplier.scored_at)!,
          }
        : null,
      portfolioAverage: portfolio,
      explanation: result
        ? {
            status: result.status,
            levelGap: result.levelGap,
            securityAction: result.securityAction,
            otasuketai: result.otasuketai,
            gates: result.gates ?? [],
            engineVersion: result.engineVersion,
          }
        : null,
      findings,
      history,
      contacts,
    };
  }

  private async portfolioAverage(organizationId: string): Promise<number[]> {
    const [row] = await this.db.query<{ avg: (number | null)[] }[]>(
      `SELECT ARRAY[${Array.from({ length: 10 }, (_, i) => `avg(directive_maturity[${i + 1}])`).join(', ')}] AS avg
       FROM supplier_risk WHERE organization_id = $1`,
      [organizationId],
    );
    return row.avg.map((v) => (v === null ? 0 : round(Number(v), 2)));
  }

  private async findings(
    organizationId: string,
    scoreId: string,
  ): Promise<SupplierRiskDetail['findings']> {
    const rows = await this.db.query<Row[]>(
      `SELECT f.id, f.code, f.severity, f.directives, f.item_ids AS "itemIds", f.params,
         f.message, f.recommendation, f.status, sc.catalog_version, n.note
       FROM findings f JOIN assessment_scores sc ON sc.id = f.score_id
       LEFT JOIN LATERAL (
         SELECT e.details->>'note' AS note FROM audit_events e
         WHERE e.organization_id = $1 AND e.target_type = 'finding' AND e.target_id = f.id::text
           AND e.action = 'finding.status_changed'
         ORDER BY e.created_at DESC, e.id DESC LIMIT 1
       ) n ON true
       WHERE f.organization_id = $1 AND f.score_id = $2 ORDER BY f.position`,
      [organizationId, scoreId],
    );
    return rows.map((f) => {
      const text = storedFindingText(f as unknown as StoredFinding, String(f.catalog_version));
      return {
        id: String(f.id),
        code: String(f.code),
        severity: String(f.severity),
        directives: (f.directives as number[]).map(Number),
        message: text.message,
        recommendation: text.recommendation,
        status: String(f.status),
        note: (f.note as string | null) ?? null,
      };
    });
  }

  private async history(
    organizationId: string,
    supplierId: string,
  ): Promise<SupplierRiskDetail['history']> {
    const rows = await this.db.query<Row[]>(
      `SELECT a.id, a.campaign_id, c.name AS campaign_name, to_char(c.due_date, 'YYYY-MM-DD') AS due_date,
         a.status, a.submitted_at, sc.risk_score, sc.tier, sc.directive_maturity,
         sc.overall_maturity, sc.created_at AS scored_at
       FROM assessments a
       JOIN campaigns c ON c.id = a.campaign_id
       LEFT JOIN LATERAL (
         SELECT * FROM assessment_scores x WHERE x.assessment_id = a.id
         ORDER BY x.submission DESC, x.created_at DESC LIMIT 1
       ) sc ON true
       WHERE a.organization_id = $1 AND a.supplier_id = $2
       ORDER BY coalesce(c.launched_at, c.created_at), c.name`,
      [organizationId, supplierId],
    );
    return rows.map((h) => ({
      assessmentId: String(h.id),
      campaignId: String(h.campaign_id),
      campaignName: String(h.campaign_name),
      dueDate: String(h.due_date),
      status: String(h.status),
      submittedAt: iso(h.submitted_at),
      score:
        h.risk_score === null
          ? null
          : {
              riskScore: Number(h.risk_score),
              tier: String(h.tier),
              directiveMaturity: h.directive_maturity as number[],
              overallMaturity: Number(h.overall_maturity),
              scoredAt: iso(h.scored_at)!,
            },
    }));
  }

  private async contacts(
    organizationId: string,
    supplierId: string,
  ): Promise<SupplierRiskDetail['contacts']> {
    const rows = await this.db.query<Row[]>(
      `SELECT ct.id, ct.name, ct.email, ct.is_primary, ct.undeliverable_at, ct.undeliverable_reason,
         m.kind, m.status, m.sent_at, m.last_error
       FROM supplier_contacts ct
       LEFT JOIN LATERAL (
         SELECT kind, status, sent_at, last_error FROM mail_messages mm
         WHERE mm.contact_id = ct.id AND mm.organization_id = $1
         ORDER BY mm.created_at DESC LIMIT 1
       ) m ON true
       WHERE ct.organization_id = $1 AND ct.supplier_id = $2
       ORDER BY ct.is_primary DESC, ct.name`,
      [organizationId, supplierId],
    );
    return rows.map((c) => ({
      id: String(c.id),
      name: String(c.name),
      email: String(c.email),
      isPrimary: Boolean(c.is_primary),
      undeliverable: c.undeliverable_at !== null,
      undeliverableReason: (c.undeliverable_reason as string | null) ?? null,
      lastMail: c.kind
        ? {
            kind: String(c.kind),
            status: String(c.status),
            sentAt: iso(c.sent_at),
            lastError: (c.last_error as string | null) ?? null,
          }
        : null,
    }));
  }
}
