import { AddressObject, ParsedMail } from 'mailparser';
import { hashPassword } from '@kakehashi/auth';
import { ANSWER_FIXTURES, DEFAULT_CATALOG_VERSION } from '@kakehashi/domain';
import { waitUntil } from '../support/faults/worker-process';
import { createCampaign, seedAssessments } from '../support/scoring-factory';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import {
  createTestTenant,
  loginToken,
  startApi,
  TestApi,
  TestTenant,
  TEST_PASSWORD,
} from '../support/test-app';
import {
  isolatedEnvironment,
  IsolatedEnvironment,
  startWorker,
  TestWorker,
} from '../support/test-worker';

const recipient = (mail: ParsedMail) => (mail.to as AddressObject).value[0].address!.toLowerCase();

/**
 * When someone leaves procurement, an admin hands their suppliers and open campaigns to a
 * colleague, and a campaign can change owner on its own: the dashboard, the high-risk alerts
 * and the escalations then follow the new owner (real api, worker, database and SMTP).
 */
describe('handing over suppliers and campaigns', () => {
  let isolated: IsolatedEnvironment;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  let tenant: TestTenant;
  let other: TestTenant;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    isolated = await isolatedEnvironment('handover');
    sink = await startSmtpSink();
    api = await startApi({ ...isolated.env, LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    worker = await startWorker({
      ...isolated.env,
      SMTP_URL: sink.url,
      OUTBOX_POLL_INTERVAL_MS: '50',
      MAIL_RATE_PER_SECOND: '1000',
    });
    tenant = await createTestTenant(api.dataSource, 'handover');
    other = await createTestTenant(api.dataSource, 'handover-other');
    for (const role of ['admin', 'procurement', 'auditor'] as const) {
      tokens.set(role, await loginToken(api, tenant.users[role].email));
    }
    tokens.set('otherAdmin', await loginToken(api, other.users.admin.email));
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await isolated?.drop();
  });

  const bearer = (who: string) => `Bearer ${tokens.get(who)}`;
  const get = (path: string, who = 'admin') =>
    api.http().get(`/api/v1${path}`).set('authorization', bearer(who));
  const post = (path: string, body: object = {}, who = 'admin') =>
    api.http().post(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const patch = (path: string, body: object, who = 'admin') =>
    api.http().patch(`/api/v1${path}`).set('authorization', bearer(who)).send(body);

  /** A procurement colleague who can log in (another one per call). */
  async function colleague(
    label: string,
    role = 'procurement',
  ): Promise<{ id: string; email: string }> {
    const email = `${label}-${Math.random().toString(36).slice(2, 8)}@handover.example`;
    const [user] = await api.dataSource.query<{ id: string }[]>(
      `INSERT INTO users (organization_id, email, display_name, role, password_hash)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [tenant.organizationId, email, `同僚 ${label}`, role, await hashPassword(TEST_PASSWORD)],
    );
    return { id: user.id, email };
  }

  async function supplierOwnedBy(who: string, name: string): Promise<string> {
    const created = await post(
      '/suppliers',
      {
        name,
        contacts: [{ name: '窓口', email: `${name.length}-${Date.now()}@supplier.example` }],
      },
      who,
    ).expect(201);
    return (created.body as { id: string }).id;
  }

  async function campaignOf(who: string, supplierIds: string[]): Promise<string> {
    const created = await post(
      '/campaigns',
      {
        name: `引き継ぎテスト ${Date.now()}`,
        catalogVersion: DEFAULT_CATALOG_VERSION,
        supplierIds,
        dueDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
      },
      who,
    );
    expect(created.status).toBe(201);
    return (created.body as { id: string }).id;
  }

  const ownerOfSupplier = async (id: string) =>
    (await get(`/suppliers/${id}`).expect(200)).body.ownerId as string | null;
  const ownerOfCampaign = async (id: string) =>
    (await get(`/campaigns/${id}`).expect(200)).body.ownerId as string;

  it("hands a leaver's suppliers and open campaigns to a colleague, keeps closed campaigns as they were", async () => {
    const leaver = await colleague('leaver');
    const heir = await colleague('heir');
    tokens.set('leaver', await loginToken(api, leaver.email));
    const suppliers = [
      await supplierOwnedBy('leaver', '引継 商事'),
      await supplierOwnedBy('leaver', '引継 工業'),
    ];
    const untouched = await supplierOwnedBy('procurement', '別担当 物産');
    const open = await campaignOf('leaver', suppliers);
    const closed = await campaignOf('leaver', [suppliers[0]]);
    await post(`/campaigns/${closed}/close`, {}, 'leaver').expect(200);

    const before = (await get(`/users/${leaver.id}`).expect(200)).body;
    expect(before).toMatchObject({ ownedSuppliers: 2, openCampaigns: 1 });

    const handed = await post(`/users/${leaver.id}/handover`, { toUserId: heir.id }).expect(200);
    expect(handed.body).toEqual({ suppliers: 2, campaigns: 1 });

    for (const id of suppliers) expect(await ownerOfSupplier(id)).toBe(heir.id);
    expect(await ownerOfSupplier(untouched)).toBe(tenant.users.procurement.id);
    expect(await ownerOfCampaign(open)).toBe(heir.id);
    expect(await ownerOfCampaign(closed)).toBe(leaver.id);
    expect((await get(`/users/${leaver.id}`).expect(200)).body).toMatchObject({
      ownedSuppliers: 0,
      openCampaigns: 0,
    });
    expect((await get(`/users/${heir.id}`).expect(200)).body).toMatchObject({
      ownedSuppliers: 2,
      openCampaigns: 1,
    });
    // The heir's own supplier list (the dashboard's "mine") now holds them.
    const mine = await get(`/suppliers?ownerId=${heir.id}`).expect(200);
    expect((mine.body.items as { id: string }[]).map((s) => s.id).sort()).toEqual(
      [...suppliers].sort(),
    );
    const [audit] = await api.dataSource.query<{ actor_id: string; details: object }[]>(
      `SELECT actor_id, details FROM audit_events
        WHERE action = 'user.handed_over' AND target_id = $1`,
      [leaver.id],
    );
    expect(audit).toEqual({
      actor_id: tenant.users.admin.id,
      details: { toUserId: heir.id, suppliers: 2, campaigns: 1 },
    });

    // Nothing left: a second hand-over moves nothing and says so.
    await post(`/users/${leaver.id}/handover`, { toUserId: heir.id })
      .expect(200)
      .expect({ suppliers: 0, campaigns: 0 });
  });

  it('refuses a hand-over to nobody suitable, naming toUserId, and moves nothing', async () => {
    const leaver = await colleague('refused');
    tokens.set('refused', await loginToken(api, leaver.email));
    const supplier = await supplierOwnedBy('refused', '据置 電機');
    const gone = await colleague('gone');
    await patch(`/users/${gone.id}`, { active: false }).expect(200);

    const refusals: [string, object][] = [
      ['self', { toUserId: leaver.id }],
      ['deactivated', { toUserId: gone.id }],
      ['ciso', { toUserId: tenant.users.ciso.id }],
      ['auditor', { toUserId: tenant.users.auditor.id }],
      ['another tenant', { toUserId: other.users.procurement.id }],
      ['not an id', { toUserId: 'heir' }],
      ['missing', {}],
    ];
    for (const [why, body] of refusals) {
      const response = await post(`/users/${leaver.id}/handover`, body);
      expect({ why, status: response.status }).toEqual({ why, status: 400 });
      expect(response.body.message).toEqual(expect.stringContaining('toUserId'));
    }
    expect(await ownerOfSupplier(supplier)).toBe(leaver.id);

    // Only an admin of the same organization hands over; other ids are 404.
    await post(
      `/users/${leaver.id}/handover`,
      { toUserId: tenant.users.admin.id },
      'procurement',
    ).expect(403);
    await post(
      `/users/${leaver.id}/handover`,
      { toUserId: other.users.admin.id },
      'otherAdmin',
    ).expect(404);
    await post(`/users/${other.users.procurement.id}/handover`, {
      toUserId: tenant.users.admin.id,
    }).expect(404);
    expect(await ownerOfSupplier(supplier)).toBe(leaver.id);
  });

  /** A procurement colleague who owns two suppliers, an open campaign and a closed one. */
  async function ownerOfWork(label: string) {
    const user = await colleague(label);
    tokens.set(label, await loginToken(api, user.email));
    const suppliers = [
      await supplierOwnedBy(label, `${label} 商事`),
      await supplierOwnedBy(label, `${label} 工業`),
    ];
    const open = await campaignOf(label, suppliers);
    const closed = await campaignOf(label, [suppliers[0]]);
    await post(`/campaigns/${closed}/close`, {}, label).expect(200);
    return { ...user, suppliers, open, closed };
  }

  /** Role, name, and who owns each supplier and campaign of theirs: what a change may touch. */
  async function stateOf(owner: Awaited<ReturnType<typeof ownerOfWork>>) {
    const user = (await get(`/users/${owner.id}`).expect(200)).body;
    return {
      role: user.role as string,
      displayName: user.displayName as string,
      suppliers: await Promise.all(owner.suppliers.map(ownerOfSupplier)),
      open: await ownerOfCampaign(owner.open),
      closed: await ownerOfCampaign(owner.closed),
    };
  }

  const userEvents = async (id: string) =>
    (
      await api.dataSource.query<{ action: string; details: object }[]>(
        `SELECT action, details FROM audit_events
          WHERE target_id = $1 AND action IN ('user.updated', 'user.handed_over') ORDER BY id`,
        [id],
      )
    ).map((e) => ({ action: e.action, details: e.details }));

  it('refuses a role that cannot own work to someone who owns suppliers or open campaigns, with the counts', async () => {
    const owner = await ownerOfWork('keeps-work');
    const before = await stateOf(owner);
    expect(before).toMatchObject({ role: 'procurement', open: owner.id, closed: owner.id });

    for (const role of ['ciso', 'auditor']) {
      const refused = await patch(`/users/${owner.id}`, { role, displayName: '改名 されない' });
      expect({ role, status: refused.status }).toEqual({ role, status: 409 });
      expect(refused.body).toMatchObject({
        code: 'owns_work',
        suppliers: 2,
        campaigns: 1,
        message: expect.stringContaining(
          `${owner.email} owns 2 suppliers and 1 open campaign, which a ${role} user cannot own: hand them over first`,
        ),
      });
      expect(refused.body.message).toContain('handoverToUserId');
    }
    // Nothing changed: not the role, not the name sent with it, not the owners; nothing audited.
    expect(await stateOf(owner)).toEqual(before);
    expect(await userEvents(owner.id)).toEqual([]);
    // Their session is still a procurement user's.
    expect((await get('/me', 'keeps-work').expect(200)).body.role).toBe('procurement');

    // An admin who owns work may become procurement (both can own it), not a CISO.
    const admin = await colleague('owning-admin', 'admin');
    await post('/suppliers', {
      name: '管理者 担当 商会',
      ownerId: admin.id,
      contacts: [{ name: '窓口', email: `admin-owned-${Date.now()}@supplier.example` }],
    }).expect(201);
    const adminRefused = await patch(`/users/${admin.id}`, { role: 'ciso' }).expect(409);
    expect(adminRefused.body).toMatchObject({ code: 'owns_work', suppliers: 1, campaigns: 0 });
    await patch(`/users/${admin.id}`, { role: 'procurement' }).expect(200);
  });

  it('hands the work over and changes the role in one transaction when handoverToUserId is sent', async () => {
    const owner = await ownerOfWork('to-ciso');
    const heir = await colleague('ciso-heir');

    const changed = await patch(`/users/${owner.id}`, { role: 'ciso', handoverToUserId: heir.id });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ role: 'ciso', ownedSuppliers: 0, openCampaigns: 0 });
    expect(await stateOf(owner)).toEqual({
      role: 'ciso',
      displayName: expect.any(String),
      suppliers: [heir.id, heir.id],
      open: heir.id,
      // Closed campaigns keep their owner, as a record of who ran them.
      closed: owner.id,
    });
    expect((await get(`/users/${heir.id}`).expect(200)).body).toMatchObject({
      ownedSuppliers: 2,
      openCampaigns: 1,
    });
    expect(await userEvents(owner.id)).toEqual([
      { action: 'user.handed_over', details: { toUserId: heir.id, suppliers: 2, campaigns: 1 } },
      {
        action: 'user.updated',
        details: { changes: { role: { from: 'procurement', to: 'ciso' } } },
      },
    ]);
  });

  it('refuses both the hand-over and the role change when handoverToUserId names nobody suitable', async () => {
    const owner = await ownerOfWork('bad-heir');
    const gone = await colleague('bad-heir-gone');
    await patch(`/users/${gone.id}`, { active: false }).expect(200);
    const before = await stateOf(owner);

    // The hand-over endpoint's rules, told of the field the request named.
    const notSuitable =
      'handoverToUserId must be an active procurement user or admin of this organization';
    const notAnId = 'handoverToUserId must be the id of a user of this organization';
    const refusals: [string, unknown, string][] = [
      ['self', owner.id, 'handoverToUserId must be another user than the one handing over'],
      ['deactivated', gone.id, notSuitable],
      ['ciso', tenant.users.ciso.id, notSuitable],
      ['auditor', tenant.users.auditor.id, notSuitable],
      ['another tenant', other.users.procurement.id, notSuitable],
      ['not an id', 'heir', notAnId],
      ['null', null, notAnId],
    ];
    for (const [why, handoverToUserId, message] of refusals) {
      const response = await patch(`/users/${owner.id}`, { role: 'auditor', handoverToUserId });
      expect({ why, status: response.status, message: response.body.message }).toEqual({
        why,
        status: 400,
        message,
      });
    }
    expect(await stateOf(owner)).toEqual(before);
    expect(await userEvents(owner.id)).toEqual([]);

    // The last active admin handing over with a role change: the refused change moves nothing.
    const scratch = await createTestTenant(api.dataSource, 'handover-last-admin');
    const scratchAdmin = await loginToken(api, scratch.users.admin.email);
    const scratchSupplier = await api
      .http()
      .post('/api/v1/suppliers')
      .set('authorization', `Bearer ${scratchAdmin}`)
      .send({
        name: '最後の 管理者 商事',
        ownerId: scratch.users.admin.id,
        contacts: [{ name: '窓口', email: `last-admin-${Date.now()}@supplier.example` }],
      })
      .expect(201);
    const lastAdmin = await api
      .http()
      .patch(`/api/v1/users/${scratch.users.admin.id}`)
      .set('authorization', `Bearer ${scratchAdmin}`)
      .send({ role: 'ciso', handoverToUserId: scratch.users.procurement.id })
      .expect(409);
    expect(lastAdmin.body.code).toBe('last_admin');
    const [kept] = await api.dataSource.query<{ owner_id: string }[]>(
      'SELECT owner_id FROM suppliers WHERE id = $1',
      [scratchSupplier.body.id],
    );
    expect(kept.owner_id).toBe(scratch.users.admin.id);
  });

  it('changes the role freely of someone who owns no supplier and no open campaign', async () => {
    // Only a closed campaign: it stays theirs and does not hold the change back.
    const user = await colleague('closed-only');
    tokens.set('closed-only', await loginToken(api, user.email));
    const supplier = await supplierOwnedBy('procurement', '閉鎖済 物流');
    const closed = await campaignOf('closed-only', [supplier]);
    await post(`/campaigns/${closed}/close`, {}, 'closed-only').expect(200);
    expect((await get(`/users/${user.id}`).expect(200)).body).toMatchObject({
      ownedSuppliers: 0,
      openCampaigns: 0,
    });

    const changed = await patch(`/users/${user.id}`, { role: 'auditor' }).expect(200);
    expect(changed.body.role).toBe('auditor');
    expect(await ownerOfCampaign(closed)).toBe(user.id);
    const back = await patch(`/users/${user.id}`, { role: 'ciso' }).expect(200);
    expect(back.body.role).toBe('ciso');
    expect(await userEvents(user.id)).toEqual([
      {
        action: 'user.updated',
        details: { changes: { role: { from: 'procurement', to: 'auditor' } } },
      },
      { action: 'user.updated', details: { changes: { role: { from: 'auditor', to: 'ciso' } } } },
    ]);
  });

  it('hands over to a colleague invited but not signed up yet, as a campaign can be given to them', async () => {
    // Alerts reach them by mail, and the invitation (or a reset request, which sends it again)
    // lets them in: the same rule as a supplier's or a campaign's owner.
    const leaver = await colleague('before-newcomer');
    tokens.set('before-newcomer', await loginToken(api, leaver.email));
    const supplier = await supplierOwnedBy('before-newcomer', '新任 精工');
    const campaign = await campaignOf('before-newcomer', [supplier]);
    const invited = await post('/users', {
      email: `newcomer-${Date.now()}@handover.example`,
      displayName: '新任 次郎',
      role: 'procurement',
    }).expect(201);
    expect(invited.body.status).toBe('invited');
    const newcomer = invited.body.id as string;

    await post(`/users/${leaver.id}/handover`, { toUserId: newcomer })
      .expect(200)
      .expect({ suppliers: 1, campaigns: 1 });
    expect(await ownerOfSupplier(supplier)).toBe(newcomer);
    expect(await ownerOfCampaign(campaign)).toBe(newcomer);
    await patch(`/campaigns/${campaign}`, { ownerId: leaver.id }, 'before-newcomer').expect(200);
    await patch(`/campaigns/${campaign}`, { ownerId: newcomer }, 'before-newcomer').expect(200);
    expect((await get(`/users/${newcomer}`).expect(200)).body).toMatchObject({
      status: 'invited',
      ownedSuppliers: 1,
      openCampaigns: 1,
    });
  });

  it('lets procurement give a campaign another owner; closed campaigns and unsuitable owners are refused', async () => {
    const supplier = await supplierOwnedBy('procurement', '委譲 運輸');
    const campaign = await campaignOf('procurement', [supplier]);
    const heir = await colleague('campaign-heir');

    const changed = await patch(`/campaigns/${campaign}`, { ownerId: heir.id }, 'procurement');
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: campaign, ownerId: heir.id, status: 'draft' });
    const renamed = await patch(`/campaigns/${campaign}`, { name: '  改名後  ' }, 'procurement');
    expect(renamed.body).toMatchObject({ name: '改名後', ownerId: heir.id });

    const bad = await patch(
      `/campaigns/${campaign}`,
      { ownerId: tenant.users.ciso.id },
      'procurement',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(expect.stringContaining('ownerId'));
    await patch(`/campaigns/${campaign}`, { name: '   ' }, 'procurement').expect(400);
    await patch(`/campaigns/${campaign}`, { ownerId: heir.id }, 'auditor').expect(403);
    await patch(`/campaigns/${campaign}`, { ownerId: other.users.admin.id }, 'otherAdmin').expect(
      404,
    );

    await post(`/campaigns/${campaign}/close`, {}, 'procurement').expect(200);
    const closed = await patch(
      `/campaigns/${campaign}`,
      { ownerId: tenant.users.admin.id },
      'procurement',
    );
    expect(closed.status).toBe(409);
    expect(await ownerOfCampaign(campaign)).toBe(heir.id);

    const events = await api.dataSource.query<{ details: { changes: object } }[]>(
      `SELECT details FROM audit_events WHERE action = 'campaign.updated' AND target_id = $1
        ORDER BY id`,
      [campaign],
    );
    expect(events.map((e) => e.details.changes)).toEqual([
      { ownerId: { from: tenant.users.procurement.id, to: heir.id } },
      { name: { from: expect.any(String), to: '改名後' } },
    ]);
  });

  it("sends a campaign's high-risk alert to its new owner, not to the one before", async () => {
    const before = await colleague('alert-before');
    const after = await colleague('alert-after');
    const campaignId = await createCampaign(
      api.dataSource,
      { organizationId: tenant.organizationId, ownerId: before.id, ownerEmail: before.email },
      { dueDate: '2099-03-31', launchedAt: new Date() },
    );
    await post(`/users/${before.id}/handover`, { toUserId: after.id }).expect(200).expect({
      suppliers: 0,
      campaigns: 1,
    });
    const [critical] = await seedAssessments(api.dataSource, {
      tenant: {
        organizationId: tenant.organizationId,
        ownerId: before.id,
        ownerEmail: before.email,
      },
      campaignId,
      count: 1,
      fixture: ANSWER_FIXTURES.smeNothing,
    });
    await waitUntil(async () => sink.messages.some((m) => recipient(m) === after.email), {
      timeoutMs: 30_000,
      what: "the new owner's alert mail",
    });
    const alert = sink.messages.find((m) => recipient(m) === after.email)!;
    expect(alert.text).toContain(critical.supplierId);
    expect(sink.messages.filter((m) => recipient(m) === before.email)).toEqual([]);
  });
});
