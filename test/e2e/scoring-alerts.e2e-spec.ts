import { INestApplicationContext } from '@nestjs/common';
import { AddressObject, ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { JobIds } from '@kakehashi/queue';
import { dataSourceOptions } from '@kakehashi/database';
import { DEFAULT_CATALOG_VERSION, ENGINE_VERSION, type AnswerFixture } from '@kakehashi/domain';
import { enqueueRescore } from '../../apps/api/src/ops/rescore.use-case';
import { FakeClock, startWorkerWithClock } from '../support/faults/in-process-worker';
import { waitUntil } from '../support/faults/worker-process';
import {
  ANSWER_FIXTURES,
  createCampaign,
  createWorkerTenant,
  scoreJobId,
  seedAssessments,
  SeededAssessment,
  WorkerTenant,
} from '../support/scoring-factory';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { isolatedEnvironment, IsolatedEnvironment } from '../support/test-worker';

jest.setTimeout(90_000);

const AS_OF = '2026-12-01';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const recipient = (mail: ParsedMail) => (mail.to as AddressObject).value[0].address!.toLowerCase();
/** The supplier ids a received alert mail links to. */
const linkedSuppliers = (mail: ParsedMail) =>
  [...(mail.text ?? '').matchAll(/\/dashboard\/suppliers\/([0-9a-f-]{36})/g)].map((m) => m[1]);

interface Seeded extends SeededAssessment {
  name: string;
  tier: string;
}

describe('high-tier alerts: one digest per batch and owner, no news no alert', () => {
  let isolated: IsolatedEnvironment;
  let sink: SmtpSink;
  let db: DataSource;
  let worker: INestApplicationContext;
  const clock = new FakeClock(new Date(`${AS_OF}T01:00:00Z`));

  beforeAll(async () => {
    isolated = await isolatedEnvironment('alerts');
    sink = await startSmtpSink();
    db = await new DataSource(
      dataSourceOptions(isolated.env.DATABASE_URL, { poolSize: 3 }),
    ).initialize();
    worker = await startWorkerWithClock(
      {
        ...isolated.env,
        SMTP_URL: sink.url,
        OUTBOX_POLL_INTERVAL_MS: '50',
        MAIL_RATE_PER_SECOND: '1000',
      },
      clock,
    );
  });

  afterAll(async () => {
    await worker?.close();
    await db?.destroy();
    await sink?.close();
    await isolated?.drop();
  });

  /** Suppliers with submitted answers but no scoring job yet. */
  async function seed(
    tenant: WorkerTenant,
    campaignId: string,
    fixture: AnswerFixture,
    count: number,
  ): Promise<Seeded[]> {
    const rows = await seedAssessments(db, { tenant, campaignId, count, fixture, submit: false });
    const names = await db.query<{ id: string; name: string }[]>(
      'SELECT id, name FROM suppliers WHERE id = ANY($1::uuid[])',
      [rows.map((row) => row.supplierId)],
    );
    const byId = new Map(names.map((row) => [row.id, row.name]));
    return rows.map((row) => ({ ...row, name: byId.get(row.supplierId)!, tier: '' }));
  }

  /** Writes every scoring job in one transaction, as many suppliers submitting at once would. */
  async function submitAll(organizationId: string, assessments: Seeded[]): Promise<void> {
    await db.query(
      `INSERT INTO outbox (organization_id, queue, job_name, job_id, payload)
       SELECT $1::uuid, 'scoring', 'score-assessment', x.job_id,
              jsonb_build_object('organizationId', $1::text, 'assessmentId', x.id, 'submission', 1)
         FROM unnest($2::uuid[], $3::text[]) AS x(id, job_id)`,
      [organizationId, assessments.map((a) => a.id), assessments.map((a) => scoreJobId(a.id))],
    );
  }

  async function waitForScores(assessments: Seeded[]): Promise<void> {
    const scored = async () => {
      const rows = await db.query<{ assessment_id: string; tier: string }[]>(
        `SELECT assessment_id, tier FROM assessment_scores
          WHERE assessment_id = ANY($1::uuid[]) AND engine_version = $2`,
        [assessments.map((a) => a.id), ENGINE_VERSION],
      );
      const tiers = new Map(rows.map((row) => [row.assessment_id, row.tier]));
      for (const a of assessments) a.tier = tiers.get(a.id) ?? '';
      return rows.length === assessments.length;
    };
    await waitUntil(scored, { timeoutMs: 30_000, what: 'every score' });
  }

  /** The alert mails recorded for the owner that wait for the end of their window. */
  async function waitingAlerts(ownerId: string) {
    return db.query<{ message_key: string; status: string; waits: boolean }[]>(
      `SELECT m.message_key, m.status, o.available_at > now() + interval '5 minutes' AS waits
         FROM mail_messages m JOIN outbox o ON o.job_id = 'mail.' || replace(m.message_key, ':', '.')
        WHERE m.kind = 'alert' AND m.user_id = $1 AND o.relayed_at IS NULL`,
      [ownerId],
    );
  }

  /**
   * Lets the alert window end: the clock moves past it and the gathered mails are due now (the
   * relay waits on the database's clock, which the test cannot move).
   */
  async function endAlertWindows(): Promise<void> {
    clock.set(new Date(clock.now().getTime() + 11 * 60_000));
    await db.query(
      `UPDATE outbox SET available_at = now()
        WHERE queue = 'mail' AND relayed_at IS NULL AND available_at > now()`,
    );
  }

  /** Waits until every alert mail of the owner was accepted, then a little longer for strays. */
  async function alertMailsTo(owner: WorkerTenant): Promise<ParsedMail[]> {
    await endAlertWindows();
    const recorded = async () =>
      (
        await db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM mail_messages WHERE kind = 'alert' AND user_id = $1`,
          [owner.ownerId],
        )
      )[0].n;
    const received = () => sink.messages.filter((m) => recipient(m) === owner.ownerEmail);
    await waitUntil(async () => received().length >= (await recorded()), {
      timeoutMs: 30_000,
      what: 'the alert mails',
    });
    await sleep(500);
    expect(received()).toHaveLength(await recorded());
    return received();
  }

  async function notificationsOf(userId: string) {
    return db.query<
      {
        key: string;
        title: { ja: string; en: string };
        link: string;
        detail: { scoreId: string; assessmentId: string; supplierId: string }[];
      }[]
    >(`SELECT key, title, link, detail FROM notifications WHERE user_id = $1`, [userId]);
  }

  it('mails an owner one digest per batch, not one mail per high-risk supplier', async () => {
    const tenant = await createWorkerTenant(db, 'alerts');
    const campaignId = await createCampaign(db, tenant, {
      dueDate: '2026-12-20',
      launchedAt: new Date('2026-11-20T01:00:00Z'),
    });
    const critical = await seed(tenant, campaignId, ANSWER_FIXTURES.smeNothing, 30);
    const high = await seed(tenant, campaignId, ANSWER_FIXTURES.star2Contradiction, 30);
    const low = await seed(tenant, campaignId, ANSWER_FIXTURES.matureLarge, 10);
    const all = [...critical, ...high, ...low];
    await submitAll(tenant.organizationId, all);
    await waitForScores(all);
    const alerting = all.filter((a) => a.tier === 'high' || a.tier === 'critical');
    expect(alerting).toHaveLength(60);

    const mails = await alertMailsTo(tenant);
    // The first batch's digest at once; every later batch of the window in one more mail.
    expect(mails.length).toBeGreaterThan(0);
    expect(mails.length).toBeLessThanOrEqual(2);

    const notes = await notificationsOf(tenant.ownerId);
    const mailKeys = (
      await db.query<{ message_key: string }[]>(
        `SELECT message_key FROM mail_messages WHERE kind = 'alert' AND user_id = $1`,
        [tenant.ownerId],
      )
    ).map((m) => m.message_key);
    expect(mailKeys).toHaveLength(mails.length);
    const sentAtOnce = notes.filter((n) => mailKeys.includes(`alert:${n.key}`));
    expect(sentAtOnce).toHaveLength(1);
    // Every high or critical supplier is in exactly one notification; no low one is in any.
    const inDigests = notes.flatMap((n) => n.detail.map((d) => d.supplierId));
    expect([...inDigests].sort()).toEqual(alerting.map((a) => a.supplierId).sort());
    for (const note of notes) {
      if (note.detail.length === 1) {
        expect(note.link).toBe(`/dashboard/suppliers/${note.detail[0].supplierId}`);
      } else {
        expect(note.link).toBe(`/dashboard?campaign=${campaignId}`);
        expect(note.title.ja).toMatch(
          new RegExp(` ほか${note.detail.length - 1}社のリスク評価が「.+」`),
        );
      }
    }

    const bySupplier = new Map(all.map((a) => [a.supplierId, a]));
    const mailed: string[] = [];
    let beyondCap = 0;
    for (const mail of mails) {
      const linked = linkedSuppliers(mail);
      expect(linked.length).toBeGreaterThan(0);
      // The mail sent at once lists its batch; the gathered one every other notification.
      const first = sentAtOnce[0];
      const itsNotes = first.detail.some((d) => d.supplierId === linked[0])
        ? [first]
        : notes.filter((n) => n !== first);
      const listedInNotes = itsNotes.flatMap((n) => n.detail.map((d) => d.supplierId));
      const count = listedInNotes.length;
      beyondCap += Math.max(0, count - 50);
      if (count === 1) {
        const only = bySupplier.get(linked[0])!;
        const tierJa = only.tier === 'critical' ? '重大' : '高';
        expect(mail.subject).toBe(`【リスク警告】${only.name} が ${tierJa} と評価されました`);
        mailed.push(only.supplierId);
        continue;
      }
      expect(mail.subject).toBe(`【リスク警告】${count}社が「高」以上のリスクと評価されました`);
      // Each supplier's own link, then the dashboard's: listed most severe first.
      expect(mail.text).toContain(`/dashboard?campaign=${campaignId}`);
      const listed = linked;
      expect(listed).toHaveLength(Math.min(count, 50));
      if (count > 50) expect(mail.text).toContain(`ほか ${count - 50}件`);
      const tiers = listed.map((id) => bySupplier.get(id)!.tier);
      expect(tiers).toEqual([...tiers].sort((a, b) => (a === b ? 0 : a === 'critical' ? -1 : 1)));
      for (const id of listed) {
        expect(mail.text).toContain(`- ${bySupplier.get(id)!.name}(「`);
        expect(listedInNotes).toContain(id);
      }
      mailed.push(...listed);
    }
    expect(new Set(mailed).size).toBe(mailed.length);
    for (const a of low) expect(mailed).not.toContain(a.supplierId);
    const shown = alerting.filter((a) => mailed.includes(a.supplierId)).length;
    expect(shown + beyondCap).toBe(alerting.length);
  });

  it('mails a busy minute’s 20 high-risk suppliers in at most two mails to their owner', async () => {
    const tenant = await createWorkerTenant(db, 'alerts-busy');
    const campaignId = await createCampaign(db, tenant, {
      dueDate: '2026-12-20',
      launchedAt: new Date('2026-11-20T01:00:00Z'),
    });
    const high = await seed(tenant, campaignId, ANSWER_FIXTURES.star2Contradiction, 20);
    // Answers come in one after another within the minute: each is scored in a batch of its own.
    for (const assessment of high) {
      await submitAll(tenant.organizationId, [assessment]);
      await waitForScores([assessment]);
    }
    expect(high.every((a) => a.tier === 'high')).toBe(true);

    // Each one is in the console at once, in a notification of its own.
    const notes = await notificationsOf(tenant.ownerId);
    expect(notes.map((n) => n.detail.map((d) => d.supplierId))).toHaveLength(20);
    expect(notes.flatMap((n) => n.detail.map((d) => d.supplierId)).sort()).toEqual(
      high.map((a) => a.supplierId).sort(),
    );
    // The first alert is mailed at once; the other 19 wait together for the window's end.
    await waitUntil(async () => sink.messages.some((m) => recipient(m) === tenant.ownerEmail), {
      timeoutMs: 30_000,
      what: 'the first alert mail',
    });
    expect(await waitingAlerts(tenant.ownerId)).toEqual([
      {
        message_key: expect.stringMatching(/^alert:high-tier-window:/),
        status: 'queued',
        waits: true,
      },
    ]);

    const mails = await alertMailsTo(tenant);
    expect(mails).toHaveLength(2);
    const mailed = mails.flatMap(linkedSuppliers);
    expect([...mailed].sort()).toEqual(high.map((a) => a.supplierId).sort());
    const firstName = high.find((a) => a.supplierId === linkedSuppliers(mails[0])[0])!.name;
    expect(mails.map((m) => m.subject)).toEqual([
      `【リスク警告】${firstName} が 高 と評価されました`,
      '【リスク警告】19社が「高」以上のリスクと評価されました',
    ]);

    // A quiet spell later, the next alert goes out at once again.
    clock.set(new Date(clock.now().getTime() + 30 * 60_000));
    const [late] = await seed(tenant, campaignId, ANSWER_FIXTURES.smeNothing, 1);
    await submitAll(tenant.organizationId, [late]);
    await waitForScores([late]);
    await waitUntil(
      async () =>
        linkedSuppliers(
          sink.messages.filter((m) => recipient(m) === tenant.ownerEmail).at(-1)!,
        ).includes(late.supplierId),
      { timeoutMs: 30_000, what: 'the alert after the quiet spell' },
    );
    expect(await waitingAlerts(tenant.ownerId)).toEqual([]);
  });

  it('tells the organization’s admin, not the deactivated owner, when a supplier turns high-risk', async () => {
    const tenant = await createWorkerTenant(db, 'alerts-off');
    const [admin] = await db.query<{ id: string; email: string }[]>(
      `INSERT INTO users (organization_id, email, display_name, role, password_hash)
       VALUES ($1, $2, '管理 花子', 'admin', 'not-a-login') RETURNING id, email`,
      [tenant.organizationId, `admin-${tenant.ownerId.slice(0, 8)}@alerts-off.example`],
    );
    await db.query('UPDATE users SET deactivated_at = now() WHERE id = $1', [tenant.ownerId]);
    const campaignId = await createCampaign(db, tenant, {
      dueDate: '2026-12-20',
      launchedAt: new Date('2026-11-20T01:00:00Z'),
    });
    const critical = await seed(tenant, campaignId, ANSWER_FIXTURES.smeNothing, 3);
    await submitAll(tenant.organizationId, critical);
    await waitForScores(critical);
    await waitUntil(async () => (await notificationsOf(admin.id)).length > 0, {
      timeoutMs: 30_000,
      what: 'the admin’s alert notification',
    });
    const toAdmin = await alertMailsTo({ ...tenant, ownerId: admin.id, ownerEmail: admin.email });
    // Every critical supplier reaches the admin once (in one digest, or more when the three
    // jobs happened to be scored in separate batches).
    expect(toAdmin.flatMap(linkedSuppliers).sort()).toEqual(
      critical.map((a) => a.supplierId).sort(),
    );
    expect(await notificationsOf(tenant.ownerId)).toEqual([]);
    expect(
      await db.query(`SELECT 1 FROM mail_messages WHERE user_id = $1`, [tenant.ownerId]),
    ).toEqual([]);
  });

  it('alerts a rescore only when it worsens the tier of the earlier engine version', async () => {
    const tenant = await createWorkerTenant(db, 'rescore');
    const campaignId = await createCampaign(db, tenant, {
      dueDate: '2026-12-20',
      launchedAt: new Date('2026-11-20T01:00:00Z'),
    });
    // Each: the answers (which score critical or high today) and the earlier engine's verdict.
    const cases = [
      { fixture: ANSWER_FIXTURES.smeNothing, earlier: 'critical', alerts: false },
      { fixture: ANSWER_FIXTURES.star2Contradiction, earlier: 'high', alerts: false },
      { fixture: ANSWER_FIXTURES.star2Contradiction, earlier: 'critical', alerts: false },
      { fixture: ANSWER_FIXTURES.smeNothing, earlier: 'high', alerts: true },
      { fixture: ANSWER_FIXTURES.star2Contradiction, earlier: 'medium', alerts: true },
    ];
    const seeded: (Seeded & { alerts: boolean; earlier: string })[] = [];
    for (const c of cases) {
      const [assessment] = await seed(tenant, campaignId, c.fixture, 1);
      seeded.push({ ...assessment, alerts: c.alerts, earlier: c.earlier });
    }
    await db.query(
      `INSERT INTO assessment_scores (organization_id, assessment_id, supplier_id, campaign_id,
              submission, status, risk_score, tier, directive_maturity, overall_maturity, result,
              engine_version, catalog_version, created_at)
       SELECT $1, x.assessment_id, x.supplier_id, $2, 1, 'scored', 50, x.tier, '{}', 1, '{}',
              '0.9.0', $3, now() - interval '30 days'
         FROM unnest($4::uuid[], $5::uuid[], $6::text[]) AS x(assessment_id, supplier_id, tier)`,
      [
        tenant.organizationId,
        campaignId,
        DEFAULT_CATALOG_VERSION,
        seeded.map((s) => s.id),
        seeded.map((s) => s.supplierId),
        seeded.map((s) => s.earlier),
      ],
    );
    await db.query(`UPDATE assessments SET status = 'scored' WHERE id = ANY($1::uuid[])`, [
      seeded.map((s) => s.id),
    ]);

    expect(await enqueueRescore(db, { organizationId: tenant.organizationId })).toBe(5);
    await waitForScores(seeded);
    expect(seeded.map((s) => s.tier)).toEqual(['critical', 'high', 'high', 'critical', 'high']);

    const mails = await alertMailsTo(tenant);
    const mailed = mails.flatMap(linkedSuppliers);
    const notes = await notificationsOf(tenant.ownerId);
    const noted = notes.flatMap((n) => n.detail.map((d) => d.supplierId));
    const news = seeded.filter((s) => s.alerts).map((s) => s.supplierId);
    expect([...new Set(mailed)].sort()).toEqual([...news].sort());
    expect([...noted].sort()).toEqual([...news].sort());
    // Both news fit in one digest unless the five jobs happened to span two batches.
    expect(mails.map((m) => m.subject)).toEqual(
      mails.length === 1
        ? ['【リスク警告】2社が「高」以上のリスクと評価されました']
        : [expect.stringMatching(/^【リスク警告】/), expect.stringMatching(/^【リスク警告】/)],
    );
  });

  it('still sends an alert queued before digests, from the score its key names', async () => {
    const tenant = await createWorkerTenant(db, 'legacy');
    const campaignId = await createCampaign(db, tenant, {
      dueDate: '2026-12-20',
      launchedAt: new Date('2026-11-20T01:00:00Z'),
    });
    const [assessment] = await seed(tenant, campaignId, ANSWER_FIXTURES.star2Contradiction, 1);
    const [score] = await db.query<{ id: string }[]>(
      `INSERT INTO assessment_scores (organization_id, assessment_id, supplier_id, campaign_id,
              submission, status, risk_score, tier, directive_maturity, overall_maturity, result,
              engine_version, catalog_version)
       VALUES ($1, $2, $3, $4, 1, 'scored', 71.25, 'high', '{}', 1, '{}', $5, $6) RETURNING id`,
      [
        tenant.organizationId,
        assessment.id,
        assessment.supplierId,
        campaignId,
        ENGINE_VERSION,
        DEFAULT_CATALOG_VERSION,
      ],
    );
    // What the per-supplier alert wrote: a notification without detail, its mail and job.
    await db.query(
      `INSERT INTO notifications (organization_id, user_id, key, kind, title, link)
       VALUES ($1, $2, $3, 'high-tier', '{"ja": "-", "en": "-"}', '/console/suppliers/x')`,
      [tenant.organizationId, tenant.ownerId, `high-tier:${score.id}`],
    );
    const key = `alert:high-tier:${score.id}`;
    const [mail] = await db.query<{ id: string }[]>(
      `INSERT INTO mail_messages (organization_id, message_key, kind, to_email, locale, user_id,
              campaign_id, assessment_id)
       VALUES ($1, $2, 'alert', $3, 'ja', $4, $5, $6) RETURNING id`,
      [tenant.organizationId, key, tenant.ownerEmail, tenant.ownerId, campaignId, assessment.id],
    );
    await db.query(
      `INSERT INTO outbox (organization_id, queue, job_name, job_id, payload)
       VALUES ($1, 'mail', 'send-mail', $2, $3)`,
      [
        tenant.organizationId,
        JobIds.sendMail(key),
        JSON.stringify({ organizationId: tenant.organizationId, mailMessageId: mail.id }),
      ],
    );
    const [received] = await alertMailsTo(tenant);
    expect(received.subject).toBe(`【リスク警告】${assessment.name} が 高 と評価されました`);
    expect(received.text).toContain('リスク区分が 高(スコア 71.3)');
    expect(linkedSuppliers(received)).toEqual([assessment.supplierId]);
  });
});
