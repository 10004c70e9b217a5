import { isUUID } from 'class-validator';
import {
  BadRequestException,
  ConflictException,
  HttpException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { Environment } from '@kakehashi/config';
import { AuditService, EvidenceFile } from '@kakehashi/database';
import { EvidenceForm, EvidenceFormProblem } from './evidence-form';
import { LOCKED_STATUSES, RespondContext } from './respond-context';
import { EVIDENCE_STORAGE, EvidenceStorage } from './storage/evidence-storage';

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
const MB = 1024 * 1024;

/** Why an upload was refused, carried as `code` in the error body so pages can word it. */
export type UploadProblem = EvidenceFormProblem | 'locked' | 'empty' | 'type' | 'quota';

/** How much evidence one questionnaire may hold (EVIDENCE_MAX_*_PER_ASSESSMENT). */
export interface EvidenceQuota {
  maxFiles: number;
  maxMb: number;
}

/** What we accept, judged by content (file-type), never by the name or the declared type. */
const ACCEPTED: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

/** What a body that is not multipart is told (also by ApiRequestPolicy, before it is read). */
export const SEND_MULTIPART = {
  message:
    'send the file as multipart/form-data in the field "file": one PDF, PNG, JPEG, XLSX ' +
    'or DOCX file of at most 10 MB',
  messageJa:
    'ファイルは multipart/form-data の "file" フィールドで送ってください（PDF・PNG・JPEG・XLSX・DOCX のファイル 1 つ、10 MB まで）',
  code: 'multipart' satisfies UploadProblem,
};

/** The refusals of an upload's shape (the multipart body), before its content is looked at. */
const FORM_REFUSALS: Record<Exclude<EvidenceFormProblem, 'size'>, () => HttpException> = {
  multipart: () => new UnsupportedMediaTypeException(SEND_MULTIPART),
  missing: () =>
    new BadRequestException({
      message: 'the multipart field "file" is missing: send the file in the field "file"',
      messageJa:
        'multipart の "file" フィールドがありません。ファイルは "file" フィールドで送ってください',
      code: 'missing' satisfies UploadProblem,
    }),
  many: () =>
    new BadRequestException({
      message: 'send one file per request: this request carries more than one file',
      messageJa: 'ファイルは 1 回に 1 つずつ送ってください',
      code: 'many' satisfies UploadProblem,
    }),
  form: () =>
    new BadRequestException({
      message:
        'the multipart body could not be read, or has more fields than an upload needs: send ' +
        'the file in the field "file"',
      messageJa:
        'multipart の本文を読み取れないか、項目が多すぎます。ファイルは "file" フィールドで送ってください',
      code: 'form' satisfies UploadProblem,
    }),
};

export interface StoredEvidence {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

/** Work done with a newly stored file inside the transaction that records it. */
export type AttachEvidence = (manager: EntityManager, stored: StoredEvidence) => Promise<void>;

@Injectable()
export class EvidenceService {
  private readonly logger = new Logger(EvidenceService.name);
  readonly quota: EvidenceQuota;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
    env: Environment,
  ) {
    this.quota = {
      maxFiles: env.EVIDENCE_MAX_FILES_PER_ASSESSMENT,
      maxMb: env.EVIDENCE_MAX_MB_PER_ASSESSMENT,
    };
  }

  /**
   * Stores the one file of a multipart upload read by readEvidenceForm, or says what is wrong.
   * `attach` (see store) runs in the transaction that records the file.
   */
  async upload(
    ctx: RespondContext,
    form: EvidenceForm,
    attach?: AttachEvidence,
  ): Promise<StoredEvidence> {
    if (LOCKED_STATUSES.has(ctx.status)) throw this.locked();
    if (!form.ok) {
      throw form.problem === 'size' ? this.tooLarge() : FORM_REFUSALS[form.problem]();
    }
    const { filename, data } = form.file;
    if (data.length > EVIDENCE_MAX_BYTES) throw this.tooLarge();
    // A file form posted without choosing a file sends an empty part without a name.
    if (data.length === 0 && !filename) {
      throw new BadRequestException({
        message: 'No file was chosen',
        messageJa: 'ファイルが選択されていません',
        code: 'missing' satisfies UploadProblem,
      });
    }
    return this.store(ctx, { filename, data }, attach);
  }

  /**
   * Checks the content, writes the bytes, then records them if the questionnaire still has room:
   * the row of the assessment is locked while its evidence is counted and the new row inserted,
   * so parallel uploads cannot both take the last place. `attach`, when given, runs last in that
   * same transaction (e.g. naming the file in an item's answer): if it throws, nothing is kept.
   * Bytes of a refused upload are removed.
   */
  async store(
    ctx: RespondContext,
    input: { filename: string; data: Buffer },
    attach?: AttachEvidence,
  ): Promise<StoredEvidence> {
    if (input.data.length === 0) {
      throw new BadRequestException({
        message: 'The file is empty',
        messageJa: 'ファイルが空です',
        code: 'empty' satisfies UploadProblem,
      });
    }
    const { fileTypeFromBuffer } = await import('file-type/core');
    const detected = await fileTypeFromBuffer(input.data);
    const extension = detected ? ACCEPTED[detected.mime] : undefined;
    if (!detected || !extension) {
      throw new UnsupportedMediaTypeException({
        message: 'Only PDF, PNG, JPEG, XLSX and DOCX files are accepted',
        messageJa: 'アップロードできるのは PDF・PNG・JPEG・XLSX・DOCX のファイルのみです',
        code: 'type' satisfies UploadProblem,
      });
    }
    const size = input.data.length;
    // Without a lock first: a full questionnaire refuses before anything touches the disk.
    await this.checkRoom(this.dataSource.manager, ctx, size);
    const id = randomUUID();
    const storageKey = `${ctx.organizationId}/${ctx.assessmentId}/${id}.${extension}`;
    await this.storage.put(storageKey, input.data);
    const filename = cleanFilename(input.filename, extension);
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.lockAssessment(manager, ctx);
        await this.checkRoom(manager, ctx, size);
        await manager.getRepository(EvidenceFile).insert({
          id,
          organizationId: ctx.organizationId,
          assessmentId: ctx.assessmentId,
          filename,
          contentType: detected.mime,
          size: String(size),
          sha256: createHash('sha256').update(input.data).digest('hex'),
          storageKey,
        });
        await this.audit.record(
          {
            organizationId: ctx.organizationId,
            actorType: 'supplier',
            actorId: ctx.contactId,
            action: 'assessment.evidence_uploaded',
            targetType: 'assessment',
            targetId: ctx.assessmentId,
            details: { evidenceId: id, filename, contentType: detected.mime, size },
            ip: ctx.ip,
          },
          manager,
        );
        await attach?.(manager, { id, filename, contentType: detected.mime, size });
      });
    } catch (error) {
      await this.storage.delete(storageKey).catch((cleanup: unknown) => {
        this.logger.error(`Could not remove refused evidence ${storageKey}: ${String(cleanup)}`);
      });
      throw error;
    }
    return { id, filename, contentType: detected.mime, size };
  }

  async find(
    scope: { organizationId: string; assessmentId: string },
    evidenceIds: string[],
  ): Promise<EvidenceFile[]> {
    const ids = evidenceIds.filter((id) => isUUID(id));
    if (ids.length === 0) return [];
    return this.dataSource
      .getRepository(EvidenceFile)
      .createQueryBuilder('e')
      .where('e.organization_id = :org AND e.assessment_id = :assessment AND e.id IN (:...ids)', {
        org: scope.organizationId,
        assessment: scope.assessmentId,
        ids,
      })
      .getMany();
  }

  /** The file and its bytes, only within the given tenant and assessment (else 404). */
  async open(
    scope: { organizationId: string; assessmentId: string },
    evidenceId: string,
  ): Promise<{ file: EvidenceFile; stream: Readable }> {
    const [file] = await this.find(scope, [evidenceId]);
    if (!file) throw new NotFoundException('Evidence not found');
    return { file, stream: await this.storage.get(file.storageKey) };
  }

  /** Holds the questionnaire's row until commit; refuses once it was submitted meanwhile. */
  private async lockAssessment(manager: EntityManager, ctx: RespondContext): Promise<void> {
    const rows = (await manager.query(
      `SELECT status FROM assessments WHERE id = $1 AND organization_id = $2 FOR NO KEY UPDATE`,
      [ctx.assessmentId, ctx.organizationId],
    )) as { status: RespondContext['status'] }[];
    if (!rows[0]) throw new NotFoundException('Assessment not found');
    if (LOCKED_STATUSES.has(rows[0].status)) throw this.locked();
  }

  private async checkRoom(
    manager: EntityManager,
    ctx: RespondContext,
    size: number,
  ): Promise<void> {
    const [used] = (await manager.query(
      `SELECT count(*)::int AS files, coalesce(sum(size), 0)::text AS bytes
         FROM evidence_files WHERE organization_id = $1 AND assessment_id = $2`,
      [ctx.organizationId, ctx.assessmentId],
    )) as { files: number; bytes: string }[];
    const bytes = Number(used.bytes);
    const { maxFiles, maxMb } = this.quota;
    if (used.files < maxFiles && bytes + size <= maxMb * MB) return;
    throw this.overQuota({ files: used.files, bytes });
  }

  /**
   * Uploaded files cannot be removed (nothing in the product deletes evidence, and the buyer may
   * rely on what was sent), so the way on is a file already uploaded, a smaller file, or the
   * requester.
   */
  private overQuota(used: { files: number; bytes: number }): PayloadTooLargeException {
    const { maxFiles, maxMb } = this.quota;
    const usedMb = (used.bytes / MB).toFixed(1);
    const roomMb = Math.floor(((maxMb * MB - used.bytes) / MB) * 10) / 10;
    const smaller = used.files < maxFiles && roomMb > 0;
    return new PayloadTooLargeException({
      message:
        `This questionnaire already holds ${used.files} evidence files (${usedMb} MB); a ` +
        `questionnaire takes at most ${maxFiles} files and ${maxMb} MB in total. Uploaded files ` +
        'cannot be removed: answer with a file already uploaded (its id)' +
        (smaller ? `, send a smaller file (${roomMb} MB remain)` : '') +
        ', or ask the requester.',
      messageJa:
        `この調査票には証跡ファイルが ${used.files} 件（${usedMb} MB）アップロード済みです。` +
        `1 つの調査票に添付できるのは合計 ${maxFiles} 件・${maxMb} MB までです。` +
        'アップロード済みのファイルは削除できません。アップロード済みのファイル（その id）を回答に指定する' +
        (smaller ? `か、残り ${roomMb} MB 以内のファイルを送る` : '') +
        'か、依頼元にご相談ください。',
      code: 'quota' satisfies UploadProblem,
      limits: { files: maxFiles, megabytes: maxMb },
      used: { files: used.files, bytes: used.bytes },
    });
  }

  private locked(): ConflictException {
    return new ConflictException({
      message: 'The questionnaire was already submitted',
      messageJa: 'この調査票は提出済みです',
      code: 'locked' satisfies UploadProblem,
    });
  }

  private tooLarge(): PayloadTooLargeException {
    return new PayloadTooLargeException({
      message: 'Files may be at most 10 MB',
      messageJa: 'ファイルは 10 MB までです',
      code: 'size' satisfies UploadProblem,
    });
  }
}

/** Keeps a readable name for people; the stored key never depends on it. */
function cleanFilename(name: string | undefined, extension: string): string {
  const base = (name ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we drop
    .replace(/[\u0000-\u001f\u007f/\\]/g, '_')
    .trim()
    .slice(0, 200);
  return base || `evidence.${extension}`;
}

/** Content-Disposition for a download, with the UTF-8 name for Japanese file names. */
export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
