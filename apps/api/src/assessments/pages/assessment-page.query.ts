import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Assessment } from '@kakehashi/database';
import {
  DEFAULT_CATALOG_VERSION,
  getCatalog,
  type Answers,
  type Catalog,
  type LocalizedText,
} from '@kakehashi/domain';
import { storedFindingText } from '../../common/finding-text';
import { evidenceIdsIn } from '../../respond/portal-view';
import { EvidenceService } from '../../respond/evidence.service';
import { AssessmentsService } from '../assessments.service';

/** Everything the assessment page shows, read within the caller's tenant. */
export interface AssessmentPageData {
  assessment: Assessment;
  catalog: Catalog;
  supplier: { id: string; name: string };
  campaign: { id: string; name: string; status: string; dueDate: string };
  /** Links mailed for the assessment that still work (not withdrawn, not expired). */
  liveLinks: number;
  /** Evidence files the answers point at, by id. */
  evidence: Map<string, { filename: string; size: number }>;
  score: {
    status: string;
    submission: number;
    riskScore: number;
    tier: string;
    findings: {
      severity: string;
      directives: number[];
      status: string;
      message: LocalizedText;
      recommendation: LocalizedText;
    }[];
  } | null;
}

/**
 * Read-only: the assessment (through AssessmentsService, so an unknown, malformed or other
 * tenant's id is the same 404 as the API's), its supplier and campaign, the latest score with
 * its findings, the evidence files its answers name and how many of its links still work.
 */
@Injectable()
export class AssessmentPageQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assessments: AssessmentsService,
    private readonly evidenceFiles: EvidenceService,
  ) {}

  async run(organizationId: string, id: string): Promise<AssessmentPageData> {
    const assessment = await this.assessments.require(organizationId, id);
    const catalog = getCatalog(assessment.catalogVersion) ?? getCatalog(DEFAULT_CATALOG_VERSION)!;
    const [header] = await this.dataSource.query<
      {
        supplier_name: string;
        campaign_name: string;
        campaign_status: string;
        due_date: string;
      }[]
    >(
      `SELECT s.name AS supplier_name, c.name AS campaign_name, c.status AS campaign_status,
              to_char(c.due_date, 'YYYY-MM-DD') AS due_date
         FROM campaigns c
         JOIN suppliers s ON s.id = $3 AND s.organization_id = $1
        WHERE c.id = $2 AND c.organization_id = $1`,
      [organizationId, assessment.campaignId, assessment.supplierId],
    );
    // The foreign keys keep both; a missing row would be a broken tenant, shown as not found.
    if (!header) throw new NotFoundException('Assessment not found');
    const answers = assessment.answers as Answers;
    const [score, files, liveLinks] = await Promise.all([
      this.latestScore(organizationId, assessment.id),
      this.evidenceFiles.find(
        { organizationId, assessmentId: assessment.id },
        evidenceIdsIn(catalog, answers),
      ),
      this.liveLinks(organizationId, assessment.id),
    ]);
    return {
      assessment,
      catalog,
      supplier: { id: assessment.supplierId, name: header.supplier_name },
      campaign: {
        id: assessment.campaignId,
        name: header.campaign_name,
        status: header.campaign_status,
        dueDate: header.due_date,
      },
      liveLinks,
      evidence: new Map(files.map((f) => [f.id, { filename: f.filename, size: Number(f.size) }])),
      score,
    };
  }

  private async liveLinks(organizationId: string, assessmentId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM assessment_links
        WHERE organization_id = $1 AND assessment_id = $2
          AND revoked_at IS NULL AND expires_at > now()`,
      [organizationId, assessmentId],
    );
    return row?.n ?? 0;
  }

  /** The same score the API shows (AssessmentsService.latestScore). */
  private async latestScore(
    organizationId: string,
    assessmentId: string,
  ): Promise<AssessmentPageData['score']> {
    const latest = await this.assessments.latestScore(organizationId, assessmentId);
    if (!latest) return null;
    const { score, findings } = latest;
    return {
      status: score.status,
      submission: score.submission,
      riskScore: score.riskScore,
      tier: score.tier,
      findings: findings.map((f) => ({
        severity: f.severity,
        directives: f.directives,
        status: f.status,
        ...storedFindingText(f, score.catalogVersion),
      })),
    };
  }
}
