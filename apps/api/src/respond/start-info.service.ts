import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LinkResolution } from '@kakehashi/auth';
import { AssessmentLink } from '@kakehashi/database';
import { BuyerContact, BuyerContactService } from './buyer-contact.service';
import { Lang, toLang } from './portal-text';

/** Who asked for the questionnaire and whom to ask about it: the pages of a link that ended. */
export interface Requester {
  organizationName: string;
  buyerContact: BuyerContact | null;
}

export interface StartInfo {
  supplierName: string;
  organizationName: string;
  contactLang: Lang;
}

/** Names shown on the start page, and the contact's language (the portal's default). */
@Injectable()
export class StartInfoService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly buyerContacts: BuyerContactService,
  ) {}

  async load(resolution: Extract<LinkResolution, { ok: true }>): Promise<StartInfo> {
    const rows = (await this.dataSource.query(
      `SELECT s.name AS supplier_name, o.name AS organization_name, c.language
         FROM assessments a
         JOIN suppliers s ON s.id = a.supplier_id AND s.organization_id = a.organization_id
         JOIN organizations o ON o.id = a.organization_id
         LEFT JOIN supplier_contacts c ON c.id = $3 AND c.organization_id = a.organization_id
        WHERE a.id = $1 AND a.organization_id = $2`,
      [resolution.assessment.id, resolution.link.organizationId, resolution.link.contactId],
    )) as { supplier_name: string; organization_name: string; language: string | null }[];
    return {
      supplierName: rows[0]?.supplier_name ?? '',
      organizationName: rows[0]?.organization_name ?? '',
      contactLang: toLang(rows[0]?.language) ?? 'ja',
    };
  }

  /** Whom the supplier may ask about the questionnaire (the campaign owner), for the page. */
  buyerContact(resolution: Extract<LinkResolution, { ok: true }>): Promise<BuyerContact | null> {
    return this.buyerContacts.forAssessment({
      organizationId: resolution.link.organizationId,
      assessmentId: resolution.assessment.id,
    });
  }

  /**
   * The buyer organization and the campaign owner (BuyerContactService) of an assessment, for
   * the page of its link once expired, withdrawn or closed; null when the assessment is gone.
   */
  async requester(input: {
    organizationId: string;
    assessmentId: string;
  }): Promise<Requester | null> {
    const [rows, buyerContact] = await Promise.all([
      this.dataSource.query<{ name: string }[]>(
        `SELECT o.name FROM assessments a JOIN organizations o ON o.id = a.organization_id
          WHERE a.id = $1 AND a.organization_id = $2`,
        [input.assessmentId, input.organizationId],
      ),
      this.buyerContacts.forAssessment(input),
    ]);
    return rows[0] ? { organizationName: rows[0].name, buyerContact } : null;
  }

  /**
   * The language of the link's contact (else the supplier's primary contact), for the pages of a
   * link that no longer works; undefined when no contact is found.
   */
  async contactLangOf(link: AssessmentLink): Promise<Lang | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT c.language
         FROM assessments a
         JOIN supplier_contacts c ON c.organization_id = a.organization_id
          AND (c.id = $3 OR (c.supplier_id = a.supplier_id AND c.is_primary))
        WHERE a.id = $1 AND a.organization_id = $2
        ORDER BY (c.id = $3) DESC NULLS LAST
        LIMIT 1`,
      [link.assessmentId, link.organizationId, link.contactId],
    )) as { language: string | null }[];
    return toLang(rows[0]?.language);
  }
}
