import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { STAFF_RECIPIENT } from '@kakehashi/database';

export interface BuyerContact {
  name: string;
  email: string;
}

/**
 * Whom a supplier may ask about a questionnaire: the campaign owner, or once the owner was
 * deactivated the organization's longest-serving active admin (the person alerts go to, and the
 * Reply-To of the supplier mails). Null when there is nobody.
 */
@Injectable()
export class BuyerContactService {
  constructor(private readonly dataSource: DataSource) {}

  async forAssessment(input: {
    organizationId: string;
    assessmentId: string;
  }): Promise<BuyerContact | null> {
    const rows = await this.dataSource.query<{ name: string; email: string }[]>(
      `SELECT r.display_name AS name, r.email
         FROM assessments a
         JOIN campaigns c ON c.id = a.campaign_id AND c.organization_id = a.organization_id
         JOIN users u ON u.id = c.owner_id AND u.organization_id = c.organization_id
        CROSS JOIN LATERAL (${STAFF_RECIPIENT}) r
        WHERE a.id = $1 AND a.organization_id = $2`,
      [input.assessmentId, input.organizationId],
    );
    return rows[0] ?? null;
  }
}
