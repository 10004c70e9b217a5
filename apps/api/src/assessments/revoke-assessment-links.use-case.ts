import { isUUID } from 'class-validator';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticatedUser, revokeAssessmentLinks } from '@kakehashi/auth';
import { AuditService } from '@kakehashi/database';

/**
 * Withdraws every questionnaire link mailed for one assessment (say one was forwarded, or sent to
 * the wrong person): each answers 410 from now on, and the questionnaire sessions opened with them
 * end at their next request. Answers saved so far stay. Someone holding a withdrawn link may still
 * ask for a fresh one, which is mailed only to the supplier's registered contact (never to an
 * address typed in); to cut a person off, procurement removes them from the supplier's contacts.
 */
@Injectable()
export class RevokeAssessmentLinksUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  execute(user: AuthenticatedUser, assessmentId: string): Promise<{ revoked: number }> {
    if (!isUUID(assessmentId)) throw new NotFoundException('Assessment not found');
    return this.dataSource.transaction(async (manager) => {
      const [found] = await manager.query<{ campaign_name: string; campaign_status: string }[]>(
        `SELECT c.name AS campaign_name, c.status AS campaign_status
           FROM assessments a
           JOIN campaigns c ON c.id = a.campaign_id AND c.organization_id = a.organization_id
          WHERE a.id = $1 AND a.organization_id = $2`,
        [assessmentId, user.organizationId],
      );
      if (!found) throw new NotFoundException('Assessment not found');
      if (found.campaign_status === 'closed') {
        throw new ConflictException(
          `The campaign "${found.campaign_name}" is closed: its links no longer open anyway`,
        );
      }
      const revoked = await revokeAssessmentLinks(manager, {
        organizationId: user.organizationId,
        assessmentId,
      });
      await this.audit.record(
        {
          organizationId: user.organizationId,
          actorType: 'user',
          actorId: user.id,
          action: 'assessment.links_revoked',
          targetType: 'assessment',
          targetId: assessmentId,
          details: { revoked },
        },
        manager,
      );
      return { revoked };
    });
  }
}
