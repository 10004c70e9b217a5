import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';

/** The one file an upload carries, as sent (an empty file input sends no name and no bytes). */
export interface EvidenceUpload {
  filename: string;
  data: Buffer;
}

/** What is wrong with the shape of an upload, before its content is looked at. */
export type EvidenceFormProblem = 'multipart' | 'missing' | 'many' | 'size' | 'form';

/** The fields read before a problem are kept: the page checks its CSRF token in them. */
export type EvidenceForm =
  | { ok: true; fields: Record<string, string>; file: EvidenceUpload }
  | { ok: false; fields: Record<string, string>; problem: EvidenceFormProblem };

/** The only field a file is taken from (API and page alike). */
export const EVIDENCE_FIELD = 'file';

/**
 * Reads a whole multipart upload: exactly one file, in the field "file" (capped at 10 MB by the
 * multipart limits registered with the view engine, which also allow one file per request), and
 * the small fields around it. Read to the end, so a second file is refused rather than dropped.
 */
export async function readEvidenceForm(request: FastifyRequest): Promise<EvidenceForm> {
  const fields: Record<string, string> = {};
  if (!request.isMultipart()) return { ok: false, fields, problem: 'multipart' };
  let file: EvidenceUpload | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && !Object.hasOwn(fields, part.fieldname)) {
          fields[part.fieldname] = part.value;
        }
      } else if (part.fieldname === EVIDENCE_FIELD) {
        const data = await part.toBuffer();
        file = { filename: formDataFilename(part.filename), data };
      } else {
        // A file in another field is not taken: without "file" too, the upload is refused.
        part.file.resume();
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') return { ok: false, fields, problem: 'size' };
    // The multipart limits allow one file: the second one, whatever its field, ends the read.
    if (code === 'FST_FILES_LIMIT') return { ok: false, fields, problem: 'many' };
    // Too many fields, a malformed body, or one cut short: sending it again never helps.
    return { ok: false, fields, problem: 'form' };
  }
  if (!file) return { ok: false, fields, problem: 'missing' };
  return { ok: true, fields, file };
}

/**
 * The name as the person's file has it: browsers write LF, CR and `"` in a multipart filename as
 * %0A, %0D and %22 (the HTML standard's form-data encoding) and leave every other `%` as it is,
 * so exactly those three are decoded (the stored name then drops the line breaks).
 */
function formDataFilename(name: string): string {
  return name.replace(/%0A|%0D|%22/g, (escape) =>
    String.fromCharCode(parseInt(escape.slice(1), 16)),
  );
}
