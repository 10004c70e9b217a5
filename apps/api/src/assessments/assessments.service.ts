import { isUUID } from 'class-validator';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '@kakehashi/auth';
import { Assessment, AssessmentScore, AuditService, FindingRecord } from '@kakehashi/database';
import { OutboxService, sendMailEntry } from '@kakehashi/queue';
import { storedFindingText } from '../common/finding-text';

export interface AssessmentView {
  id: string;
  status: string;
  supplierId: string;
  campaignId: string;
  catalogVersion: string;
  version: number;
  submissionCount: number;
  submittedAt: Date | null;
  reopenMessage: string | null;
  answers: object;
  score?: {
    status: string;
    submission: number;
    riskScore: number;
    tier: string;
    directiveMaturity: number[];
    securityAction: unknown;
    findings: { code: string; severity: string; directives: number[]; message: object }[];
  };
}

/** Buyer-side reads and the reopen use case; every query is scoped to the caller's tenant. */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async require(organizationId: string, id: string): Promise<Assessment> {
    requireUuid(id);
    const assessment = await this.dataSource
      .getRepository(Assessment)
      .findOne({ where: { id, organizationId } });
    if (!assessment) throw new NotFoundException('Assessment not found');
    return assessment;
  }

  async get(organizationId: string, id: string): Promise<AssessmentView> {
    const a = await this.require(organizationId, id);
    const { score, findings } = (await this.latestScore(organizationId, a.id)) ?? {
      score: null,
      findings: [],
    };
    return {
      id: a.id,
      status: a.status,
      supplierId: a.supplierId,
      campaignId: a.campaignId,
      catalogVersion: a.catalogVersion,
      version: a.version,
      submissionCount: a.submissionCount,
      submittedAt: a.submittedAt,
      reopenMessage: a.reopenMessage,
      answers: a.answers,
      ...(score
        ? {
            score: {
              status: score.status,
              submission: score.submission,
              riskScore: score.riskScore,
              tier: score.tier,
              directiveMaturity: score.directiveMaturity,
              securityAction: (score.result as { securityAction?: unknown }).securityAction ?? null,
              findings: findings.map((f) => ({
                code: f.code,
                severity: f.severity,
                directives: f.directives,
                message: storedFindingText(f, score.catalogVersion).message,
              })),
            },
          }
        : {}),
    };
  }

  /**
   * The score the buyer sees (API and console page alike): the latest submission's, the newest
   * if it was rescored; with its findings in order. Null until the first score.
   */
  async latestScore(
    organizationId: string,
    assessmentId: string,
  ): Promise<{ score: AssessmentScore; findings: FindingRecord[] } | null> {
    const score = await this.dataSource.getRepository(AssessmentScore).findOne({
      where: { assessmentId, organizationId },
      order: { submission: 'DESC', createdAt: 'DESC' },
    });
    if (!score) return null;
    const findings = await this.dataSource.getRepository(FindingRecord).find({
      where: { scoreId: score.id, organizationId },
      order: { position: 'ASC' },
    });
    return { score, findings };
  }

  /** Unlocks a submitted assessment for the supplier and mails them the buyer's message. */
  async reopen(user: AuthenticatedUser, id: string, message: string): Promise<AssessmentView> {
    requireUuid(id);
    await this.dataSource.transaction(async (manager) => {
      const a = await manager.getRepository(Assessment).findOne({
        where: { id, organizationId: user.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!a) throw new NotFoundException('Assessment not found');
      if (a.status !== 'submitted' && a.status !== 'scored') {
        throw new ConflictException(
          `Only a submitted assessment can be reopened (status ${a.status})`,
        );
      }
      // A closed campaign takes no answers and sends no mail: reopening would leave the
      // assessment in progress with nobody told. The share lock keeps a close from racing us.
      const [campaign] = (await manager.query(
        `SELECT name, status FROM campaigns WHERE id = $1 AND organization_id = $2 FOR SHARE`,
        [a.campaignId, user.organizationId],
      )) as { name: string; status: string }[];
      if (campaign?.status === 'closed') {
        throw new ConflictException(
          `The campaign "${campaign.name}" is closed: its assessments cannot be reopened`,
        );
      }
      await manager
        .getRepository(Assessment)
        .update(
          { id: a.id, organizationId: user.organizationId },
          { status: 'in_progress', reopenMessage: message, version: a.version + 1 },
        );
      const messageKey = `reopen:${a.id}:${a.submissionCount}`;
      const contact = (await manager.query(
        `SELECT id, email, name, language FROM supplier_contacts
          WHERE supplier_id = $1 AND organization_id = $2 AND is_primary`,
        [a.supplierId, user.organizationId],
      )) as { id: string; email: string; name: string; language: string }[];
      if (contact[0]) {
        const inserted = (await manager.query(
          `INSERT INTO mail_messages (organization_id, message_key, kind, to_email, to_name, locale,
                                      contact_id, campaign_id, assessment_id, user_id)
           VALUES ($1, $2, 'reopened', $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (message_key) DO NOTHING RETURNING id`,
          [
            user.organizationId,
            messageKey,
            contact[0].email,
            contact[0].name,
            contact[0].language,
            contact[0].id,
            a.campaignId,
            a.id,
            user.id,
          ],
        )) as { id: string }[];
        if (inserted[0]) {
          await this.outbox.add(manager, [
            sendMailEntry(user.organizationId, { id: inserted[0].id, message_key: messageKey }),
          ]);
        }
      }
      await this.audit.record(
        {
          organizationId: user.organizationId,
          actorType: 'user',
          actorId: user.id,
          action: 'assessment.reopened',
          targetType: 'assessment',
          targetId: a.id,
          details: { message, submission: a.submissionCount },
        },
        manager,
      );
    });
    return this.get(user.organizationId, id);
  }
}

/** A malformed id names no assessment: 404, never a database error. */
function requireUuid(id: string): void {
  if (!isUUID(id)) throw new NotFoundException('Assessment not found');
}
