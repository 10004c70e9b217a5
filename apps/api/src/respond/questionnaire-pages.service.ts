import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Answers, CatalogSection, resolveItems } from '@kakehashi/domain';
import { BuyerContactService } from './buyer-contact.service';
import { EvidenceService } from './evidence.service';
import { renderedFields } from './form-answers';
import { PageSession } from './portal-renderer.service';
import { PORTAL_TEXT, formatDateTime } from './portal-text';
import {
  LEGACY_BASE,
  domIdOf,
  evidenceIdsIn,
  itemView,
  navigation,
  receiptView,
  sectionHref,
} from './portal-view';
import { LoadedAssessment, RespondAnswersService } from './respond-answers.service';

/** The names every questionnaire page shows: the answering company and who asked for what. */
export interface PageIdentity {
  supplierName: string;
  organizationName: string;
  campaignName: string;
}

/** Builds the data of the questionnaire pages (section, overview, receipt). */
@Injectable()
export class QuestionnairePagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly answers: RespondAnswersService,
    private readonly evidence: EvidenceService,
    private readonly buyerContacts: BuyerContactService,
  ) {}

  load(page: PageSession): Promise<LoadedAssessment> {
    return this.answers.load(page.ctx);
  }

  /**
   * Whom and for whom the questionnaire is answered, named on every page so that someone with
   * several questionnaires open (several companies or buyers) can tell them apart.
   */
  async identity(loaded: LoadedAssessment): Promise<PageIdentity> {
    const rows = await this.dataSource.query<
      { organization_name: string; campaign_name: string }[]
    >(
      `SELECT o.name AS organization_name, c.name AS campaign_name
         FROM assessments a
         JOIN organizations o ON o.id = a.organization_id
         JOIN campaigns c ON c.id = a.campaign_id AND c.organization_id = a.organization_id
        WHERE a.id = $1 AND a.organization_id = $2`,
      [loaded.assessment.id, loaded.assessment.organizationId],
    );
    return {
      supplierName: loaded.supplierName,
      organizationName: rows[0]?.organization_name ?? '',
      campaignName: rows[0]?.campaign_name ?? '',
    };
  }

  async evidenceNames(loaded: LoadedAssessment): Promise<Map<string, string>> {
    const answers = loaded.assessment.answers as Answers;
    const files = await this.evidence.find(
      { organizationId: loaded.assessment.organizationId, assessmentId: loaded.assessment.id },
      evidenceIdsIn(loaded.catalog, answers),
    );
    return new Map(files.map((f) => [f.id, f.filename]));
  }

  async common(
    page: PageSession,
    loaded: LoadedAssessment,
    currentId?: string,
  ): Promise<Record<string, unknown>> {
    const answers = loaded.assessment.answers as Answers;
    const states = resolveItems(loaded.catalog, answers);
    const nav = navigation(loaded.catalog, answers, states, {
      lang: page.lang,
      base: page.base,
      currentId,
    });
    const required = nav.reduce((n, s) => n + s.required, 0);
    const done = nav.reduce((n, s) => n + s.answered, 0);
    return {
      csrf: page.csrf,
      assessmentId: loaded.assessment.id,
      identity: await this.identity(loaded),
      overviewHref: `${page.base}/overview`,
      submitAction: `${page.base}/submit`,
      // Autosave under the session's own path, so it carries this questionnaire's cookie.
      saveUrl:
        page.base === LEGACY_BASE
          ? `${LEGACY_BASE}/a/${encodeURIComponent(loaded.assessment.id)}/answers`
          : `${page.base}/answers`,
      version: loaded.assessment.version,
      supplierName: loaded.supplierName,
      nav,
      progress: { done, required, percent: required ? Math.round((done / required) * 100) : 100 },
      reopenMessage:
        loaded.assessment.status === 'in_progress' ? loaded.assessment.reopenMessage : null,
    };
  }

  async section(
    page: PageSession,
    loaded: LoadedAssessment,
    section: CatalogSection,
    extra: {
      errors?: Map<string, string>;
      conflict?: { text: string; answer: string }[];
      shown?: Answers;
      /** A post refused because the page's session was replaced: nothing was saved. */
      refused?: string;
      /** The status region's text after a save or an upload (POST-redirect-GET). */
      status?: string;
    } = {},
  ): Promise<Record<string, unknown>> {
    const answers = { ...(loaded.assessment.answers as Answers), ...(extra.shown ?? {}) };
    const states = resolveItems(loaded.catalog, answers);
    const evidence = await this.evidenceNames(loaded);
    const nav = navigation(loaded.catalog, answers, states, { lang: page.lang, base: page.base });
    const index = nav.findIndex((s) => s.id === section.id);
    const items = section.items.map((item) =>
      itemView({
        item,
        catalog: loaded.catalog,
        answers,
        state: states.get(item.id),
        lang: page.lang,
        evidence,
        base: page.base,
        error: extra.errors?.get(item.id),
      }),
    );
    const saved = loaded.assessment.answers as Answers;
    return {
      ...(await this.common(page, loaded, section.id)),
      refused: extra.refused ?? null,
      statusText: extra.status ?? '',
      section: {
        id: section.id,
        title: section.title[page.lang],
        description: section.description?.[page.lang],
        action: sectionHref(page.base, section.id),
        items,
        fileItems: section.items
          .filter((i) => i.kind === 'file')
          .map((i) => ({
            id: i.id,
            formId: `upload-${domIdOf(i.id)}`,
            action: `${page.base}/evidence/${encodeURIComponent(i.id)}`,
            // The item's saved answer this page shows: the file is attached only if it is unchanged.
            current: typeof saved[i.id] === 'string' ? saved[i.id] : '',
          })),
        // Files attached to this section's items, each with a form to remove it from its item.
        attached: items
          .filter((i) => i.isFile && i.file && typeof saved[i.id] === 'string')
          .map((i) => ({
            text: i.text,
            file: i.file,
            evidenceId: saved[i.id],
            action: `${page.base}/evidence/${encodeURIComponent(i.id)}/remove`,
          })),
        // The saved values this page starts from (never the values shown after a refused post).
        rendered: renderedFields(section, loaded.assessment.answers as Answers),
      },
      errors: extra.errors
        ? [...extra.errors.entries()].map(([id, message]) => ({
            id,
            message,
            href: `#${domIdOf(id)}`,
          }))
        : null,
      conflict: extra.conflict ?? null,
      previous: index > 0 ? nav[index - 1] : null,
      next: index >= 0 && index < nav.length - 1 ? nav[index + 1] : null,
      langHref: `${sectionHref(page.base, section.id)}?lang=${page.lang === 'ja' ? 'en' : 'ja'}`,
    };
  }

  async overview(
    page: PageSession,
    loaded: LoadedAssessment,
    missing?: string[],
  ): Promise<Record<string, unknown>> {
    const items = new Map(
      loaded.catalog.sections.flatMap((s) =>
        s.items.map((i) => [i.id, { item: i, section: s }] as const),
      ),
    );
    return {
      ...(await this.common(page, loaded)),
      missing: missing?.map((id) => {
        const found = items.get(id);
        return {
          id,
          text: found?.item.text[page.lang] ?? id,
          section: found?.section.title[page.lang] ?? '',
          href: found ? `${sectionHref(page.base, found.section.id)}#${domIdOf(id)}` : '#',
        };
      }),
      langHref: `${page.base}/overview?${missing ? 'missing=1&' : ''}lang=${page.lang === 'ja' ? 'en' : 'ja'}`,
    };
  }

  async receipt(page: PageSession, loaded: LoadedAssessment): Promise<Record<string, unknown>> {
    return {
      supplierName: loaded.supplierName,
      identity: await this.identity(loaded),
      assessmentId: loaded.assessment.id,
      submittedAt: loaded.assessment.submittedAt
        ? formatDateTime(loaded.assessment.submittedAt, page.lang)
        : '',
      submission: loaded.assessment.submissionCount,
      buyerContact: await this.buyerContacts.forAssessment({
        organizationId: loaded.assessment.organizationId,
        assessmentId: loaded.assessment.id,
      }),
      sections: receiptView({
        catalog: loaded.catalog,
        answers: loaded.assessment.answers as Answers,
        lang: page.lang,
        evidence: await this.evidenceNames(loaded),
      }),
      langHref: `${page.base}/receipt?lang=${page.lang === 'ja' ? 'en' : 'ja'}`,
      t: PORTAL_TEXT[page.lang],
    };
  }
}
