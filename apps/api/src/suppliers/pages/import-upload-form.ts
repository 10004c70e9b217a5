import type { FastifyInstance, FastifyRequest } from 'fastify';
import '@fastify/multipart';

/** What the import form sent: the file, and which of its buttons was pressed. */
export type ImportUploadForm =
  | { ok: true; file: Buffer; dryRun: boolean; validOnly: boolean }
  | { ok: false; problem: ImportFormProblem; status: 400 | 413 | 415 };

export type ImportFormProblem =
  'notMultipart' | 'noFile' | 'tooLarge' | 'tooManyParts' | 'unreadableForm';

/** Route config marking the page's upload, for the hook that runs before Fastify reads bodies. */
export interface PageUploadConfig {
  pageUpload?: boolean;
}

/** The small fields of the form (button values); anything longer is not ours. */
const MAX_FIELD_CHARS = 100;

/**
 * Reads the page's multipart form. Unlike urlencoded forms, Fastify leaves a multipart body
 * unread until the handler iterates its parts, so the fields are read here in whatever order the
 * browser sent them (the file input comes before the buttons). The file is capped by the
 * multipart limit (10 MB, registered with the view engine).
 */
export async function readImportUploadForm(request: FastifyRequest): Promise<ImportUploadForm> {
  if (!request.isMultipart()) return { ok: false, problem: 'notMultipart', status: 415 };
  const fields: Record<string, string> = {};
  let file: Buffer | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        // A file input left empty arrives as a part with no name and no bytes.
        if (part.fieldname === 'file' && file === undefined && part.filename !== '') {
          file = await part.toBuffer();
        } else {
          part.file.resume();
        }
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value.slice(0, MAX_FIELD_CHARS);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      return { ok: false, problem: 'tooLarge', status: 413 };
    }
    // More than the one file (or more fields) the page sends: retrying the same post never helps.
    if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') {
      return { ok: false, problem: 'tooManyParts', status: 400 };
    }
    return { ok: false, problem: 'unreadableForm', status: 400 };
  }
  if (file === undefined) return { ok: false, problem: 'noFile', status: 400 };
  return {
    ok: true,
    file,
    // Without a pressed button (a client posting the form itself), only check: nothing is written.
    dryRun: fields.action !== 'import',
    validOnly: fields.mode === 'valid-only',
  };
}

/**
 * Fastify reads a body before any guard or handler runs, and refuses some on its own in the API's
 * JSON: a type it has no parser for (text/csv, application/octet-stream: 415), malformed JSON
 * (400), a form over the body limit (413). The page's upload takes multipart only, so any other
 * body is left unread: the request goes on as one without a body, through the guards (a
 * signed-out person still goes to the login page) to the handler, which answers 415 with the page
 * and its words. Node discards the unread bytes once the reply is sent.
 */
export function skipNonMultipartPageBodies(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    const config = request.routeOptions?.config as PageUploadConfig | undefined;
    const headers = request.raw.headers;
    if (!config?.pageUpload || /^multipart\/form-data\b/i.test(headers['content-type'] ?? '')) {
      return payload;
    }
    delete headers['content-type'];
    delete headers['transfer-encoding'];
    headers['content-length'] = '0';
    return payload;
  });
}
