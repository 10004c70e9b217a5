import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESPOND_COOKIE } from '../../apps/api/src/respond/respond-session.service';
import { createTestAssessment, TestAssessment } from '../support/assessment-factory';
import { csrfOf, pressStart } from '../support/questionnaire-session';
import { createTestTenant, startApi, TestApi, TestTenant } from '../support/test-app';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
/** A PDF of about 400 KB: two fit in the 1 MB this file configures, three do not. */
const PDF_400_KB = Buffer.concat([PDF, Buffer.alloc(400 * 1024, 0x20)]);

/** Every file under a directory, with paths relative to it (none when it does not exist). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('evidence uploads: per-questionnaire quota, multipart shape (real Postgres, real disk)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let dataDir: string;
  const fresh = (): Promise<TestAssessment> =>
    createTestAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
    });
  const upload = (a: TestAssessment, file = PDF, filename = 'evidence.pdf') =>
    api.http().post(`/api/v1/respond/${a.token}/evidence`).attach('file', file, filename);
  /** The evidence bytes on disk for one questionnaire. */
  const onDisk = (a: TestAssessment) =>
    filesUnder(join(dataDir, 'evidence', a.organizationId, a.assessmentId));
  const rowsOf = async (a: TestAssessment): Promise<number> => {
    const rows = (await api.dataSource.query(
      'SELECT count(*)::int AS n FROM evidence_files WHERE assessment_id = $1',
      [a.assessmentId],
    )) as { n: number }[];
    return rows[0].n;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kakehashi-evidence-'));
    api = await startApi({
      DATA_DIR: dataDir,
      EVIDENCE_MAX_FILES_PER_ASSESSMENT: '4',
      EVIDENCE_MAX_MB_PER_ASSESSMENT: '1',
    });
    tenant = await createTestTenant(api.dataSource, 'evidence-limits');
  });
  afterAll(async () => {
    await api.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('takes at most the configured number of files per questionnaire, saying the limit, and writes nothing for the one refused', async () => {
    const a = await fresh();
    for (let i = 0; i < 4; i++) await upload(a, PDF, `report-${i}.pdf`).expect(201);
    const refused = await upload(a, PDF, 'one-too-many.pdf').expect(413);
    expect(refused.body).toMatchObject({ statusCode: 413, code: 'quota' });
    expect(refused.body.message).toContain('at most 4 files and 1 MB in total');
    expect(refused.body.message).toContain('cannot be removed');
    expect(refused.body.messageJa).toContain('合計 4 件・1 MB まで');
    expect(await rowsOf(a)).toBe(4);
    expect(await onDisk(a)).toHaveLength(4);
    // Another questionnaire has its own room.
    const b = await fresh();
    await upload(b).expect(201);
  });

  it('takes at most the configured total size: a file that would go past it is refused, a smaller one still fits', async () => {
    const a = await fresh();
    await upload(a, PDF_400_KB, 'a.pdf').expect(201);
    await upload(a, PDF_400_KB, 'b.pdf').expect(201);
    const refused = await upload(a, PDF_400_KB, 'c.pdf').expect(413);
    expect(refused.body.code).toBe('quota');
    expect(refused.body.message).toContain('1 MB');
    expect(await onDisk(a)).toHaveLength(2);
    await upload(a, PDF, 'small.pdf').expect(201);
    expect(await rowsOf(a)).toBe(3);
  });

  it('lets exactly the limit through when uploads race, and leaves no bytes of the refused ones on disk', async () => {
    const a = await fresh();
    await upload(a).expect(201);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => upload(a, PDF, `parallel-${i}.pdf`)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 413, 413, 413, 413, 413]);
    expect(await rowsOf(a)).toBe(4);
    const files = await onDisk(a);
    expect(files).toHaveLength(4);
    expect(files.some((f) => f.endsWith('.partial'))).toBe(false);
    // The files on disk are exactly those the rows name.
    const keys = (await api.dataSource.query(
      'SELECT storage_key FROM evidence_files WHERE assessment_id = $1 ORDER BY storage_key',
      [a.assessmentId],
    )) as { storage_key: string }[];
    expect(files.map((f) => `${a.organizationId}/${a.assessmentId}/${f}`)).toEqual(
      keys.map((k) => k.storage_key),
    );
  });

  it('answers a JSON body with 415 saying to send multipart/form-data with a "file" field', async () => {
    const a = await fresh();
    const json = await api
      .http()
      .post(`/api/v1/respond/${a.token}/evidence`)
      .send({ file: PDF.toString('base64') })
      .expect(415);
    expect(json.body.statusCode).toBe(415);
    expect(json.body.message).toContain('multipart/form-data');
    expect(json.body.message).toContain('"file"');
    expect(await rowsOf(a)).toBe(0);
  });

  it('takes the file only from the field "file", and one file per request', async () => {
    const a = await fresh();
    const other = await api
      .http()
      .post(`/api/v1/respond/${a.token}/evidence`)
      .attach('other', PDF, 'ev.pdf')
      .expect(400);
    expect(other.body.message).toContain('field "file" is missing');

    const two = await api
      .http()
      .post(`/api/v1/respond/${a.token}/evidence`)
      .attach('file', PDF, 'one.pdf')
      .attach('file', PDF, 'two.pdf')
      .expect(400);
    expect(two.body.message).toContain('send one file per request');

    const mixed = await api
      .http()
      .post(`/api/v1/respond/${a.token}/evidence`)
      .attach('file', PDF, 'one.pdf')
      .attach('other', PDF, 'two.pdf')
      .expect(400);
    expect(mixed.body.message).toContain('send one file per request');

    expect(await rowsOf(a)).toBe(0);
    expect(await onDisk(a)).toEqual([]);
    // The same file alone in the right field is taken.
    await upload(a).expect(201);
  });

  it('says the quota on the questionnaire page in its language, after the redirect', async () => {
    const a = await fresh();
    for (let i = 0; i < 4; i++) await upload(a).expect(201);
    const started = await pressStart(api, a.token);
    const cookie = String(started.headers['set-cookie']).match(
      new RegExp(`${RESPOND_COOKIE}=[^;]+`),
    )![0];
    const section = await api
      .http()
      .get('/q/s/sections/audited-services')
      .set('cookie', cookie)
      .expect(200);
    const posted = await api
      .http()
      .post('/q/s/evidence/SS.REPORT')
      .set('cookie', cookie)
      .field('_csrf', csrfOf(section.text))
      .field('_version', '0')
      .attach('file', PDF, 'report.pdf')
      .expect(303);
    expect(posted.headers.location).toBe(
      '/q/s/sections/audited-services?upload=quota&item=SS.REPORT',
    );
    const ja = await api.http().get(posted.headers.location).set('cookie', cookie).expect(200);
    expect(ja.text).toContain(
      'この調査票に添付できるファイルは合計 4 件・1 MB までのため、このファイルは追加できません。',
    );
    expect(ja.text).toContain('アップロード済みのファイルは削除できないため、より小さいファイル');
    const en = await api
      .http()
      .get(`${posted.headers.location}&lang=en`)
      .set('cookie', cookie)
      .expect(200);
    expect(en.text).toContain(
      'This questionnaire can hold at most 4 files and 1 MB in total, so this file cannot be added.',
    );
    expect(en.text).toContain('Uploaded files cannot be removed');
    expect(en.text).not.toContain('合計 4 件');
    expect(await rowsOf(a)).toBe(4);
    expect(await onDisk(a)).toHaveLength(4);
  });
});
