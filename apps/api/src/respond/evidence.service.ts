import { isUUID } from 'class-validator';
import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { MultipartFile } from '@fastify/multipart';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditService, EvidenceFile } from '@kakehashi/database';
import { LOCKED_STATUSES, RespondContext } from './respond-context';
import { EVIDENCE_STORAGE, EvidenceStorage } from './storage/evidence-storage';

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** Why an upload was refused, carried as `code` in the error body so pages can word it. */
export type UploadProblem = 'locked' | 'missing' | 'empty' | 'type' | 'size';

/** What we accept, judged by content (file-type), never by the name or the declared type. */
const ACCEPTED: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

export interface StoredEvidence {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

@Injectable()
export class EvidenceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
  ) {}

  /** Reads one multipart file part fully (the multipart limit caps it) and stores it. */
  async upload(ctx: RespondContext, part: MultipartFile | undefined): Promise<StoredEvidence> {
    if (LOCKED_STATUSES.has(ctx.status)) {
      throw new ConflictException({
        message: 'The questionnaire was already submitted',
        messageJa: 'この調査票は提出済みです',
        code: 'locked' satisfies UploadProblem,
      });
    }
    if (!part) {
      throw new BadRequestException({
        message: 'Attach the file in the multipart field "file"',
        messageJa: 'ファイルを multipart の "file" フィールドで送ってください',
        code: 'missing' satisfies UploadProblem,
      });
    }
    let data: Buffer;
    try {
      data = await part.toBuffer();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 413) throw this.tooLarge();
      throw error;
    }
    if (part.file.truncated || data.length > EVIDENCE_MAX_BYTES) throw this.tooLarge();
    // A file form posted without choosing a file sends an empty part without a name.
    if (data.length === 0 && !part.filename) {
      throw new BadRequestException({
        message: 'No file was chosen',
        messageJa: 'ファイルが選択されていません',
        code: 'missing' satisfies UploadProblem,
      });
    }
    return this.store(ctx, { filename: formDataFilename(part.filename), data });
  }

  async store(
    ctx: RespondContext,
    input: { filename: string; data: Buffer },
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
    const id = randomUUID();
    const storageKey = `${ctx.organizationId}/${ctx.assessmentId}/${id}.${extension}`;
    await this.storage.put(storageKey, input.data);
    const filename = cleanFilename(input.filename, extension);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(EvidenceFile).insert({
        id,
        organizationId: ctx.organizationId,
        assessmentId: ctx.assessmentId,
        filename,
        contentType: detected.mime,
        size: String(input.data.length),
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
          details: {
            evidenceId: id,
            filename,
            contentType: detected.mime,
            size: input.data.length,
          },
          ip: ctx.ip,
        },
        manager,
      );
    });
    return { id, filename, contentType: detected.mime, size: input.data.length };
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

  private tooLarge(): PayloadTooLargeException {
    return new PayloadTooLargeException({
      message: 'Files may be at most 10 MB',
      messageJa: 'ファイルは 10 MB までです',
      code: 'size' satisfies UploadProblem,
    });
  }
}

/**
 * The name as the person's file has it: browsers write LF, CR and `"` in a multipart filename as
 * %0A, %0D and %22 (the HTML standard's form-data encoding) and leave every other `%` as it is,
 * so exactly those three are decoded (cleanFilename then drops the line breaks).
 */
function formDataFilename(name: string): string {
  return name.replace(/%0A|%0D|%22/g, (escape) =>
    String.fromCharCode(parseInt(escape.slice(1), 16)),
  );
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
