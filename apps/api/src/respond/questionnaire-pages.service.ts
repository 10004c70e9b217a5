import { Injectable } from '@nestjs/common';
import { Answers, CatalogSection, resolveItems } from '@kakehashi/domain';
import { BuyerContactService } from './buyer-contact.service';
import { EvidenceService } from './evidence.service';
import { renderedFields } from './form-answers';
import { PageSession } from './portal-renderer.service';
import { PORTAL_TEXT, formatDateTime } from './portal-text';
import {
  domIdOf,
  evidenceIdsIn,
  itemView,
  navigation,
  receiptView,
  sectionHref,
} from './portal-view';
import { LoadedAssessment, RespondAnswersService } from './respond-answers.service';

/** Builds the data of the questionnaire pages (section, overview, receipt). */
@Injectable()
export class QuestionnairePagesService {
  constructor(
    private readonly answers: RespondAnswersService,
    private readonly evidence: EvidenceService,
    private readonly buyerContacts: BuyerContactService,
  ) {}

  load(page: PageSession): Promise<LoadedAssessment> {
    return this.answers.load(page.ctx);
  }

  async evidenceNames(loaded: LoadedAssessment): Promise<Map<string, string>> {
    const answers = loaded.assessment.answers as Answers;
    const files = await this.evidence.find(
      { organizationId: loaded.assessment.organizationId, assessmentId: loaded.assessment.id },
      evidenceIdsIn(loaded.catalog, answers),
    );
    return new Map(files.map((f) => [f.id, f.filename]));
  }

  common(page: PageSession, loaded: LoadedAssessment, currentId?: string): Record<string, unknown> {
    const answers = loaded.assessment.answers as Answers;
    const states = resolveItems(loaded.catalog, answers);
    const nav = navigation(loaded.catalog, answers, states, { lang: page.lang, currentId });
    const required = nav.reduce((n, s) => n + s.required, 0);
    const done = nav.reduce((n, s) => n + s.answered, 0);
    return {
      csrf: page.csrf,
      assessmentId: loaded.assessment.id,
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
    } = {},
  ): Promise<Record<string, unknown>> {
    const answers = { ...(loaded.assessment.answers as Answers), ...(extra.shown ?? {}) };
    const states = resolveItems(loaded.catalog, answers);
    const evidence = await this.evidenceNames(loaded);
    const nav = navigation(loaded.catalog, answers, states, { lang: page.lang });
    const index = nav.findIndex((s) => s.id === section.id);
    return {
      ...this.common(page, loaded, section.id),
      section: {
        id: section.id,
        title: section.title[page.lang],
        description: section.description?.[page.lang],
        action: sectionHref(section.id),
        items: section.items.map((item) =>
          itemView({
            item,
            catalog: loaded.catalog,
            answers,
            state: states.get(item.id),
            lang: page.lang,
            evidence,
            error: extra.errors?.get(item.id),
          }),
        ),
        fileItems: section.items
          .filter((i) => i.kind === 'file')
          .map((i) => ({
            id: i.id,
            formId: `upload-${domIdOf(i.id)}`,
            action: `/q/s/evidence/${encodeURIComponent(i.id)}`,
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
      langHref: `${sectionHref(section.id)}?lang=${page.lang === 'ja' ? 'en' : 'ja'}`,
    };
  }

  overview(
    page: PageSession,
    loaded: LoadedAssessment,
    missing?: string[],
  ): Record<string, unknown> {
    const items = new Map(
      loaded.catalog.sections.flatMap((s) =>
        s.items.map((i) => [i.id, { item: i, section: s }] as const),
      ),
    );
    return {
      ...this.common(page, loaded),
      missing: missing?.map((id) => {
        const found = items.get(id);
        return {
          id,
          text: found?.item.text[page.lang] ?? id,
          section: found?.section.title[page.lang] ?? '',
          href: found ? `${sectionHref(found.section.id)}#${domIdOf(id)}` : '#',
        };
      }),
      langHref: `/q/s/overview?${missing ? 'missing=1&' : ''}lang=${page.lang === 'ja' ? 'en' : 'ja'}`,
    };
  }

  async receipt(page: PageSession, loaded: LoadedAssessment): Promise<Record<string, unknown>> {
    return {
      supplierName: loaded.supplierName,
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
      langHref: `/q/s/receipt?lang=${page.lang === 'ja' ? 'en' : 'ja'}`,
      t: PORTAL_TEXT[page.lang],
    };
  }
}
