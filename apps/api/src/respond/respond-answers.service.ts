import { isUUID } from 'class-validator';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  AnswerValidationError,
  Answers,
  Catalog,
  CatalogItem,
  getCatalog,
  missingRequired,
  validateAnswers,
} from '@kakehashi/domain';
import { Assessment, AuditService, EvidenceFile, Supplier } from '@kakehashi/database';
import { JobIds, OutboxService, QueueName, sendMailEntry, tokyoDate } from '@kakehashi/queue';
import { RespondAccessService } from './respond-access.service';
import { LOCKED_STATUSES, RespondContext, SaveScope } from './respond-context';

export interface LoadedAssessment {
  assessment: Assessment;
  supplierName: string;
  catalog: Catalog;
}

/** The answering use cases: load, save (optimistic), open, submit. */
/**
 * The one statement that writes a supplier's answers: the new `answers` expression, applied only
 * while `guard` holds, the assessment is not submitted, the link ($8) still works and the
 * campaign is open; it bumps the version, moves invited/opened to in_progress and records
 * `assessment.answers_saved` in the same statement. Parameters: $1 assessment, $2 organization,
 * $3 payload, $4 what the guard compares, $5 contact, $6 item ids (JSON), $7 ip, $8 link, and
 * whatever else the expressions name ($9…). Returns the new version, or no row when refused.
 */
function answersWrite(parts: { answers: string; guard: string }): string {
  return `WITH saved AS (
         UPDATE assessments a
            SET answers = ${parts.answers},
                version = a.version + 1,
                status = CASE WHEN a.status IN ('invited', 'opened') THEN 'in_progress' ELSE a.status END,
                updated_at = now()
           FROM assessment_links l, campaigns c
          WHERE a.id = $1 AND a.organization_id = $2 AND ${parts.guard}
            AND a.status NOT IN ('submitted', 'scored')
            AND l.id = $8 AND l.assessment_id = a.id AND l.revoked_at IS NULL AND l.expires_at > now()
            AND c.id = a.campaign_id AND c.organization_id = a.organization_id AND c.status <> 'closed'
        RETURNING a.id, a.organization_id, a.version
       ), audited AS (
         INSERT INTO audit_events (organization_id, actor_type, actor_id, action, target_type, target_id, details, ip)
         SELECT organization_id, 'supplier', $5, 'assessment.answers_saved', 'assessment', id::text,
                jsonb_build_object('version', version, 'items', $6::jsonb), $7
           FROM saved
       )
       SELECT version FROM saved`;
}

@Injectable()
export class RespondAnswersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly links: RespondAccessService,
  ) {}

  catalogOf(ctx: SaveScope): Catalog {
    const catalog = getCatalog(ctx.catalogVersion);
    if (!catalog) throw new NotFoundException(`Unknown catalog ${ctx.catalogVersion}`);
    return catalog;
  }

  async load(ctx: RespondContext): Promise<LoadedAssessment> {
    const assessment = await this.dataSource.getRepository(Assessment).findOne({
      where: { id: ctx.assessmentId, organizationId: ctx.organizationId },
    });
    if (!assessment) throw new NotFoundException('Assessment not found');
    const supplier = await this.dataSource.getRepository(Supplier).findOne({
      where: { id: assessment.supplierId, organizationId: ctx.organizationId },
      select: { id: true, name: true },
    });
    return { assessment, supplierName: supplier?.name ?? '', catalog: this.catalogOf(ctx) };
  }

  /** The first person to press Start opens it; later starts (a colleague) change nothing. */
  async open(ctx: RespondContext): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `WITH opened AS (
           UPDATE assessments SET status = 'opened', opened_at = now(), updated_at = now()
            WHERE id = $1 AND organization_id = $2 AND status = 'invited' RETURNING id
         ) SELECT id FROM opened`,
        [ctx.assessmentId, ctx.organizationId],
      )) as unknown[];
      const opened = rows.length > 0;
      await this.audit.record(
        {
          organizationId: ctx.organizationId,
          actorType: 'supplier',
          actorId: ctx.contactId,
          action: opened ? 'assessment.opened' : 'assessment.session_started',
          targetType: 'assessment',
          targetId: ctx.assessmentId,
          details: { linkId: ctx.linkId },
          ip: ctx.ip,
        },
        manager,
      );
    });
  }

  /**
   * Merges a partial answer map (null clears) if `version` is current, in one statement that
   * also writes the audit event. Stale version -> 409 with the current answers and version.
   */
  async save(ctx: SaveScope, input: { version: number; answers: Answers }): Promise<number> {
    const catalog = this.catalogOf(ctx);
    try {
      // A declaration or an audit cannot lie in the future (dates are Tokyo dates).
      validateAnswers(catalog, input.answers, { today: tokyoDate(new Date()) });
    } catch (error) {
      if (error instanceof AnswerValidationError) {
        // `message` names the item id for programs; the pages show messageJa / messageEn.
        throw new BadRequestException({
          message: error.message,
          messageJa: error.messageJa,
          messageEn: error.messageEn,
          itemId: error.itemId,
        });
      }
      throw error;
    }
    await this.checkEvidenceIds(ctx, catalog, input.answers);
    const rows = (await this.dataSource.query(
      answersWrite({
        answers: 'jsonb_strip_nulls(a.answers || $3::jsonb)',
        guard: 'a.version = $4',
      }),
      [
        ctx.assessmentId,
        ctx.organizationId,
        JSON.stringify(input.answers),
        input.version,
        ctx.contactId,
        JSON.stringify(Object.keys(input.answers)),
        ctx.ip,
        ctx.linkId,
      ],
    )) as { version: number }[];
    if (rows[0]) return rows[0].version;
    // Not saved: say why. The link (revoked, expired, campaign closed) first, then the state.
    await this.links.requireUsable(ctx);
    const current = await this.dataSource.getRepository(Assessment).findOne({
      where: { id: ctx.assessmentId, organizationId: ctx.organizationId },
      select: { id: true, status: true, version: true, answers: true },
    });
    if (!current) throw new NotFoundException('Assessment not found');
    if (LOCKED_STATUSES.has(current.status)) {
      throw new ConflictException({
        message: 'The questionnaire was already submitted',
        status: current.status,
      });
    }
    throw new ConflictException({
      message: `Version ${input.version} is stale; the answers were saved elsewhere (current version ${current.version})`,
      version: current.version,
      answers: current.answers,
    });
  }

  /** Removes the attachment of a file item if it still names `expected` (see setFileItem). */
  clearFileItem(ctx: SaveScope, input: { itemId: string; expected: string }): Promise<number> {
    return this.dataSource.transaction((manager) =>
      this.setFileItem(manager, ctx, { ...input, evidenceId: null }),
    );
  }

  /**
   * Sets one file item to `evidenceId` (null removes the attachment) only if the item still holds
   * `expected`, whatever else changed meanwhile: attaching a file needs only that item to be as
   * the page showed it, not the whole form. Runs in the caller's transaction (the upload's, which
   * holds the assessment's row lock), so a refusal also undoes the stored file's row. Refused:
   * 410/403 for a dead link, 409 `{ status }` once submitted, 409 `{ code: 'stale' }` when the
   * item changed.
   */
  async setFileItem(
    manager: EntityManager,
    ctx: SaveScope,
    input: { itemId: string; evidenceId: string | null; expected: string | null },
  ): Promise<number> {
    const item = this.catalogOf(ctx)
      .sections.flatMap((s) => s.items)
      .find((i) => i.id === input.itemId && i.kind === 'file');
    if (!item) throw new NotFoundException(`Unknown file item ${input.itemId}`);
    if (input.evidenceId !== null && !(await this.evidenceExists(manager, ctx, input.evidenceId))) {
      throw new BadRequestException(`Evidence ${input.evidenceId} is not in this questionnaire`);
    }
    const rows = await manager.query<{ version: number }[]>(
      answersWrite({
        answers: `CASE WHEN $3::text IS NULL THEN a.answers - $9::text
                       ELSE jsonb_set(a.answers, ARRAY[$9::text], to_jsonb($3::text)) END`,
        guard: '(a.answers -> $9::text) IS NOT DISTINCT FROM to_jsonb($4::text)',
      }),
      [
        ctx.assessmentId,
        ctx.organizationId,
        input.evidenceId,
        input.expected,
        ctx.contactId,
        JSON.stringify([input.itemId]),
        ctx.ip,
        ctx.linkId,
        input.itemId,
      ],
    );
    if (rows[0]) return rows[0].version;
    await this.links.requireUsable(ctx);
    const current = await manager.getRepository(Assessment).findOne({
      where: { id: ctx.assessmentId, organizationId: ctx.organizationId },
      select: { id: true, status: true, version: true },
    });
    if (!current) throw new NotFoundException('Assessment not found');
    if (LOCKED_STATUSES.has(current.status)) {
      throw new ConflictException({
        message: 'The questionnaire was already submitted',
        status: current.status,
      });
    }
    throw new ConflictException({
      message: `The answer to "${input.itemId}" was changed elsewhere; the file was not attached`,
      code: 'stale',
    });
  }

  /** Locks the answers and schedules scoring, all in one transaction. */
  async submit(ctx: RespondContext): Promise<{ submission: number }> {
    const catalog = this.catalogOf(ctx);
    return this.dataSource.transaction(async (manager) => {
      const contact = ctx.contactId
        ? ((await manager.query(
            'SELECT email FROM supplier_contacts WHERE id = $1 AND organization_id = $2',
            [ctx.contactId, ctx.organizationId],
          )) as { email: string }[])
        : [];
      const submittedBy = contact[0]?.email ?? null;
      const assessment = await manager.getRepository(Assessment).findOne({
        where: { id: ctx.assessmentId, organizationId: ctx.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!assessment) throw new NotFoundException('Assessment not found');
      if (LOCKED_STATUSES.has(assessment.status)) {
        throw new ConflictException('The questionnaire was already submitted');
      }
      const missing = missingRequired(catalog, assessment.answers as Answers);
      if (missing.length > 0) {
        throw new BadRequestException({
          message: `${missing.length} required item(s) are not answered: ${missing.join(', ')}`,
          missing,
        });
      }
      const submission = assessment.submissionCount + 1;
      await manager.getRepository(Assessment).update(
        { id: assessment.id, organizationId: ctx.organizationId },
        {
          status: 'submitted',
          submissionCount: submission,
          submittedAt: new Date(),
          submittedBy,
          version: assessment.version + 1,
        },
      );
      await this.outbox.add(manager, [
        {
          organizationId: ctx.organizationId,
          queue: QueueName.Scoring,
          jobName: 'score-assessment',
          jobId: JobIds.score(assessment.id, submission),
          payload: { organizationId: ctx.organizationId, assessmentId: assessment.id, submission },
        },
      ]);
      await this.recordReceipt(manager, ctx, submission);
      await this.audit.record(
        {
          organizationId: ctx.organizationId,
          actorType: 'supplier',
          actorId: ctx.contactId,
          action: 'assessment.submitted',
          targetType: 'assessment',
          targetId: assessment.id,
          details: { submission, submittedBy },
          ip: ctx.ip,
        },
        manager,
      );
      return { submission };
    });
  }

  /**
   * The supplier's copy of this submission (`receipt:<assessmentId>:<submission>`), to the contact
   * whose link was used, else the primary contact, in their language; recorded skipped for an
   * address known to be undeliverable. The worker renders the answers when it sends it.
   */
  private async recordReceipt(
    manager: EntityManager,
    ctx: RespondContext,
    submission: number,
  ): Promise<void> {
    const written = await manager.query<{ id: string; message_key: string; status: string }[]>(
      `INSERT INTO mail_messages (organization_id, message_key, kind, status, to_email, to_name,
              locale, contact_id, campaign_id, assessment_id, last_error)
       SELECT a.organization_id, 'receipt:' || a.id || ':' || $3::int, 'submission_receipt',
              CASE WHEN ct.undeliverable_at IS NULL THEN 'queued' ELSE 'skipped' END,
              ct.email, ct.name, CASE WHEN ct.language = 'en' THEN 'en' ELSE 'ja' END, ct.id,
              a.campaign_id, a.id,
              CASE WHEN ct.undeliverable_at IS NOT NULL
                   THEN 'not sent: address undeliverable ('
                        || COALESCE(ct.undeliverable_reason, 'undeliverable') || ')' END
         FROM assessments a
         JOIN LATERAL (
           SELECT c.* FROM supplier_contacts c
            WHERE c.organization_id = a.organization_id AND c.supplier_id = a.supplier_id
              AND (c.id = $4::uuid OR c.is_primary)
            ORDER BY c.id = $4::uuid DESC NULLS LAST
            LIMIT 1) ct ON true
        WHERE a.id = $1 AND a.organization_id = $2
       ON CONFLICT (message_key) DO NOTHING
       RETURNING id, message_key, status`,
      [ctx.assessmentId, ctx.organizationId, submission, ctx.contactId],
    );
    await this.outbox.add(
      manager,
      written
        .filter((row) => row.status === 'queued')
        .map((row) => sendMailEntry(ctx.organizationId, row)),
    );
  }

  /** A file answer must name evidence uploaded to this same assessment. */
  private async checkEvidenceIds(
    ctx: SaveScope,
    catalog: Catalog,
    answers: Answers,
  ): Promise<void> {
    for (const item of fileItems(catalog)) {
      const evidenceId = answers[item.id];
      if (typeof evidenceId !== 'string') continue;
      if (!(await this.evidenceExists(this.dataSource.manager, ctx, evidenceId))) {
        throw new BadRequestException({
          message: `Answer for item "${item.id}" names evidence that was not uploaded to this questionnaire`,
          messageJa: `「${item.text.ja}」：この調査票にアップロードされていないファイルです`,
          messageEn: `Answer to "${item.text.en}" names a file that was not uploaded to this questionnaire`,
          itemId: item.id,
        });
      }
    }
  }

  private async evidenceExists(
    manager: EntityManager,
    ctx: SaveScope,
    id: string,
  ): Promise<boolean> {
    if (!isUUID(id)) return false;
    return manager.getRepository(EvidenceFile).exists({
      where: { id, assessmentId: ctx.assessmentId, organizationId: ctx.organizationId },
    });
  }
}

const fileItemsOf = new WeakMap<Catalog, CatalogItem[]>();

/** The catalog's file items, worked out once per catalog (autosave runs this each time). */
function fileItems(catalog: Catalog): CatalogItem[] {
  let items = fileItemsOf.get(catalog);
  if (!items) {
    items = catalog.sections.flatMap((s) => s.items).filter((i) => i.kind === 'file');
    fileItemsOf.set(catalog, items);
  }
  return items;
}
