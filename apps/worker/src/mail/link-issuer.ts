import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashLinkToken, newLinkToken } from '@kakehashi/auth';
import { MicroBatcher } from './micro-batcher';

export interface LinkRequest {
  organizationId: string;
  assessmentId: string;
  contactId: string | null;
  expiresAt: Date;
}

/**
 * issueAssessmentLink for many sends at once: same token and hash (libs/auth), one INSERT per
 * batch. The raw token goes only into the mail; the table keeps its SHA-256.
 */
@Injectable()
export class LinkIssuer {
  private readonly batcher = new MicroBatcher<LinkRequest, string>((requests) =>
    this.issueMany(requests),
  );

  constructor(private readonly dataSource: DataSource) {}

  issue(request: LinkRequest): Promise<string> {
    return this.batcher.add(request);
  }

  private async issueMany(requests: LinkRequest[]): Promise<string[]> {
    const tokens = requests.map(() => newLinkToken());
    await this.dataSource.query(
      `INSERT INTO assessment_links (organization_id, assessment_id, contact_id, token_hash, expires_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[])`,
      [
        requests.map((r) => r.organizationId),
        requests.map((r) => r.assessmentId),
        requests.map((r) => r.contactId),
        tokens.map((token) => hashLinkToken(token)),
        requests.map((r) => r.expiresAt.toISOString()),
      ],
    );
    return tokens;
  }
}
