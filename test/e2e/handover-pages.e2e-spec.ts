import { Environment } from '@kakehashi/config';
import { tokyoToday } from '@kakehashi/mail';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

/**
 * The users page hands a leaver's suppliers and open campaigns to a colleague: on its own
 * ("担当を引き継ぐ…") or with the deactivation, in one transaction; refusals in the page's words.
 */
describe('hand-over on the console users page (real app and database)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  let appOrigin: string;
  let adminToken: string;
  let procurementToken: string;
  /** The leaver (the tenant's procurement user), their heir, and a deactivated colleague. */
  let sato: { id: string; email: string };
  let suzuki: { id: string; email: string };
  let former: { id: string; email: string };
  let newcomer: { id: string; email: string };
  let draftId: string;
  let closedId: string;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    appOrigin = new URL(api.app.get(Environment).APP_URL).origin;
    tenant = await createTestTenant(api.dataSource, 'handover-pages');
    other = await createTestTenant(api.dataSource, 'handover-pages-other');
    adminToken = await loginToken(api, tenant.users.admin.email);
    procurementToken = await loginToken(api, tenant.users.procurement.email);
    sato = tenant.users.procurement;
    const rename = (id: string, name: string) =>
      api.dataSource.query('UPDATE users SET display_name = $2 WHERE id = $1', [id, name]);
    await rename(sato.id, '佐藤 花子');
    await rename(tenant.users.admin.id, '管理 太郎');
    await rename(tenant.users.ciso.id, '高橋 監視');

    const invite = async (email: string, displayName: string) => {
      const created = await api
        .http()
        .post('/api/v1/users')
        .set('authorization', `Bearer ${adminToken}`)
        .send({ email, displayName, role: 'procurement' })
        .expect(201);
      return { id: created.body.id as string, email };
    };
    suzuki = await invite('suzuki@handover-pages.example', '鈴木 一郎');
    // Suzuki has set a password (an active user); the former colleague has left.
    await api.dataSource.query(`UPDATE users SET password_hash = 'x' WHERE id = $1`, [suzuki.id]);
    former = await invite('former@handover-pages.example', '元 社員');
    // Invited, no password yet.
    newcomer = await invite('newcomer@handover-pages.example', '新人 次郎');
    await api
      .http()
      .patch(`/api/v1/users/${former.id}`)
      .set('authorization', `Bearer ${adminToken}`)
      .send({ active: false })
      .expect(200);

    const supplier = async (name: string, token: string, ownerId?: string) => {
      const created = await api
        .http()
        .post('/api/v1/suppliers')
        .set('authorization', `Bearer ${token}`)
        .send({
          name,
          ownerId,
          contacts: [{ name: '担当', email: `${name.length}-${Date.now()}@sup.example.jp` }],
        })
        .expect(201);
      return created.body.id as string;
    };
    const satoSuppliers: string[] = [];
    for (const name of ['東海精機株式会社', '北陸データ株式会社', '山陰物流株式会社']) {
      satoSuppliers.push(await supplier(name, procurementToken));
    }
    await supplier('管理者担当株式会社', adminToken, tenant.users.admin.id);
    const campaign = async (name: string) => {
      const created = await api
        .http()
        .post('/api/v1/campaigns')
        .set('authorization', `Bearer ${procurementToken}`)
        .send({
          name,
          catalogVersion: 'meti-v3.0+sa-3.1',
          supplierIds: [satoSuppliers[0]],
          dueDate: tokyoToday(),
        })
        .expect(201);
      return created.body.id as string;
    };
    draftId = await campaign('進行中の点検');
    closedId = await campaign('終了した点検');
    await api
      .http()
      .post(`/api/v1/campaigns/${closedId}/close`)
      .set('authorization', `Bearer ${procurementToken}`)
      .expect(200);
  });
  afterAll(() => api.close());

  const adminCookie = () => `kk_session=${adminToken}`;
  const page = (query = '') =>
    api.http().get(`/console/users${query}`).set('cookie', adminCookie()).expect(200);
  const form = (
    fields: Record<string, string>,
    options: { lang?: 'ja' | 'en'; origin?: string; cookie?: string } = {},
  ) =>
    api
      .http()
      .post('/console/users')
      .set('cookie', `${options.cookie ?? adminCookie()}; kk_lang=${options.lang ?? 'ja'}`)
      .set('origin', options.origin ?? appOrigin)
      .type('form')
      .send(fields);
  const rowOf = (html: string, email: string) =>
    html.split('data-testid="user-row"').find((row) => row.includes(`data-email="${email}"`)) ?? '';
  /** Who owns what of the tenant, by supplier and campaign name. */
  async function owners(): Promise<Record<string, string>> {
    const rows = await api.dataSource.query<{ name: string; owner: string }[]>(
      `SELECT s.name, u.display_name AS owner FROM suppliers s JOIN users u ON u.id = s.owner_id
        WHERE s.organization_id = $1
       UNION ALL
       SELECT c.name, u.display_name FROM campaigns c JOIN users u ON u.id = c.owner_id
        WHERE c.organization_id = $1`,
      [tenant.organizationId],
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.owner]));
  }
  const HEIR_REFUSED =
    '引き継ぎ先には、この組織の有効な調達担当者または管理者（本人以外）を選んでください。';

  it('offers the hand-over on the rows that own work, to those who may take it', async () => {
    const html = (await page()).text;
    const row = rowOf(html, sato.email);
    expect(row).toContain('<summary>担当を引き継ぐ…</summary>');
    expect(row).toContain('<input type="hidden" name="action" value="handover">');
    expect(row).toContain(
      '佐藤 花子 さんが担当しているサプライヤー 3 社・実施中のキャンペーン 1 件を、選んだ人に引き継ぎます。',
    );
    const select = new RegExp(
      `<label for="handover-to-${sato.id}">新しい担当者</label>\\s*<select id="handover-to-${sato.id}" name="toUserId" required aria-describedby="handover-help-${sato.id}">`,
    );
    expect(row).toMatch(select);
    expect(row).toContain(
      `<option value="${suzuki.id}">鈴木 一郎 &lt;${suzuki.email}&gt;</option>`,
    );
    expect(row).toContain(`<option value="${tenant.users.admin.id}">管理 太郎`);
    // Someone invited who has not set a password yet may take over, and is marked so.
    expect(row).toContain(
      `<option value="${newcomer.id}">新人 次郎 &lt;${newcomer.email}&gt;（招待中）</option>`,
    );
    // Not themselves, not someone deactivated, not a role that cannot own suppliers.
    for (const id of [sato.id, former.id, tenant.users.ciso.id, tenant.users.auditor.id]) {
      expect(row).not.toContain(`<option value="${id}">`);
    }
    // The deactivation form offers the same people, defaulting to keeping the work.
    expect(row).toMatch(
      new RegExp(
        `<label for="deactivate-heir-${sato.id}">引き継ぎ先</label>\\s*<select id="deactivate-heir-${sato.id}" name="toUserId" aria-describedby="deactivate-help-${sato.id}">\\s*<option value="" selected>引き継がない</option>`,
      ),
    );
    // Nobody to hand over from where there is nothing owned.
    expect(rowOf(html, tenant.users.auditor.email)).not.toContain('担当を引き継ぐ');
    expect(rowOf(html, suzuki.email)).not.toContain('担当を引き継ぐ');

    const en = rowOf((await page('?lang=en')).text, sato.email);
    expect(en).toContain('<summary>Hand over…</summary>');
    expect(en).toContain(
      'The 3 suppliers and 1 open campaign owned by 佐藤 花子 go to the person you choose',
    );
    expect(en).toContain('<option value="" selected>Keep as owner</option>');
    expect(en).toContain(
      `<option value="${newcomer.id}">新人 次郎 &lt;${newcomer.email}&gt; (invited)</option>`,
    );
  });

  it('refuses other roles, other sites, and heirs who may not take over, moving nothing', async () => {
    const before = await owners();
    const procurementCookie = `kk_session=${procurementToken}`;
    const forbidden = await api.http().get('/console/users').set('cookie', procurementCookie);
    expect(forbidden.status).toBe(403);
    expect(forbidden.text).toContain('この操作は許可されていません');
    const byProcurement = await form(
      { action: 'handover', userId: sato.id, toUserId: suzuki.id },
      { cookie: procurementCookie },
    );
    expect(byProcurement.status).toBe(403);
    const crossSite = await form(
      { action: 'handover', userId: sato.id, toUserId: suzuki.id },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect(crossSite.text).toContain('別のサイトから送信されたフォームは受け付けられません。');

    for (const toUserId of [
      former.id,
      tenant.users.ciso.id,
      tenant.users.auditor.id,
      sato.id,
      other.users.procurement.id,
      'not-a-uuid',
      '',
    ]) {
      const refused = await form({ action: 'handover', userId: sato.id, toUserId });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain(HEIR_REFUSED);
      expect(refused.text).toContain('data-testid="users-table"');
    }
    const inEnglish = await form(
      { action: 'handover', userId: sato.id, toUserId: former.id },
      { lang: 'en' },
    );
    expect(inEnglish.status).toBe(400);
    expect(inEnglish.text).toContain(
      'Choose an active procurement user or admin of this organization, other than the user, to hand over to.',
    );
    const theirs = await form({
      action: 'handover',
      userId: other.users.procurement.id,
      toUserId: suzuki.id,
    });
    expect(theirs.status).toBe(404);
    expect(await owners()).toEqual(before);
  });

  it('hands over suppliers and open campaigns, says how many, and keeps closed campaigns', async () => {
    const done = await form({ action: 'handover', userId: sato.id, toUserId: suzuki.id });
    expect(done.status).toBe(303);
    const location = done.headers.location as string;
    expect(location).toBe(
      `/console/users?done=handedOver&user=${sato.id}&to=${suzuki.id}&suppliers=3&campaigns=1`,
    );
    const told = await page(location.replace('/console/users', ''));
    expect(told.text).toContain(
      '<p class="notice" role="status" data-testid="users-notice">佐藤 花子 さんの担当（サプライヤー 3 社・実施中のキャンペーン 1 件）を 鈴木 一郎 さんに引き継ぎました。</p>',
    );
    // Nothing is left to hand over.
    expect(rowOf(told.text, sato.email)).not.toContain('担当を引き継ぐ');
    const toldEn = await page(`${location.replace('/console/users', '')}&lang=en`);
    expect(toldEn.text).toContain(
      'The work of 佐藤 花子 (3 suppliers, 1 open campaign) was handed over to 鈴木 一郎.',
    );

    expect(await owners()).toEqual({
      東海精機株式会社: '鈴木 一郎',
      北陸データ株式会社: '鈴木 一郎',
      山陰物流株式会社: '鈴木 一郎',
      管理者担当株式会社: '管理 太郎',
      進行中の点検: '鈴木 一郎',
      終了した点検: '佐藤 花子',
    });
    const leaver = await api
      .http()
      .get(`/api/v1/users/${sato.id}`)
      .set('authorization', `Bearer ${adminToken}`)
      .expect(200);
    expect(leaver.body).toMatchObject({ ownedSuppliers: 0, openCampaigns: 0 });
    const draft = await api
      .http()
      .get(`/api/v1/campaigns/${draftId}`)
      .set('authorization', `Bearer ${adminToken}`)
      .expect(200);
    expect(draft.body.ownerId).toBe(suzuki.id);
    const audit = await api.dataSource.query<{ actor_id: string; details: unknown }[]>(
      `SELECT actor_id, details FROM audit_events
        WHERE organization_id = $1 AND action = 'user.handed_over' AND target_id = $2`,
      [tenant.organizationId, sato.id],
    );
    expect(audit).toEqual([
      {
        actor_id: tenant.users.admin.id,
        details: { toUserId: suzuki.id, suppliers: 3, campaigns: 1 },
      },
    ]);
  });

  it('hands over with the deactivation in one transaction: a refused change moves nothing', async () => {
    // The last active admin cannot be deactivated: their supplier stays theirs too.
    const lastAdmin = await form({
      action: 'deactivate',
      userId: tenant.users.admin.id,
      confirm: 'yes',
      toUserId: suzuki.id,
    });
    expect(lastAdmin.status).toBe(409);
    expect(lastAdmin.text).toContain('有効な管理者がいなくなるため、この変更はできません。');
    expect((await owners())['管理者担当株式会社']).toBe('管理 太郎');
    const [adminHandOvers] = await api.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events
        WHERE action = 'user.handed_over' AND target_id = $1`,
      [tenant.users.admin.id],
    );
    expect(adminHandOvers.n).toBe(0);

    // A heir who has left: Suzuki stays active and keeps the work.
    const refused = await form({
      action: 'deactivate',
      userId: suzuki.id,
      confirm: 'yes',
      toUserId: former.id,
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(HEIR_REFUSED);
    const [stillActive] = await api.dataSource.query<{ deactivated_at: Date | null }[]>(
      'SELECT deactivated_at FROM users WHERE id = $1',
      [suzuki.id],
    );
    expect(stillActive.deactivated_at).toBeNull();
    expect((await owners())['進行中の点検']).toBe('鈴木 一郎');

    const done = await form({
      action: 'deactivate',
      userId: suzuki.id,
      confirm: 'yes',
      toUserId: tenant.users.admin.id,
    });
    expect(done.status).toBe(303);
    const told = await page((done.headers.location as string).replace('/console/users', ''));
    expect(told.text).toContain(
      `鈴木 一郎（${suzuki.email}）を無効化しました。セッションはすべて終了しました。担当（サプライヤー 3 社・実施中のキャンペーン 1 件）は 管理 太郎 さんに引き継ぎました。`,
    );
    expect(rowOf(told.text, suzuki.email)).toContain('data-status="deactivated"');
    expect(await owners()).toMatchObject({
      東海精機株式会社: '管理 太郎',
      進行中の点検: '管理 太郎',
      終了した点検: '佐藤 花子',
    });
    const actions = await api.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events
        WHERE target_id = $1 AND action IN ('user.handed_over', 'user.deactivated') ORDER BY id`,
      [suzuki.id],
    );
    expect(actions.map((a) => a.action)).toEqual(['user.handed_over', 'user.deactivated']);
  });

  it('deactivates without handing over when no heir is chosen', async () => {
    await api
      .http()
      .post('/api/v1/suppliers')
      .set('authorization', `Bearer ${adminToken}`)
      .send({
        name: '残る担当株式会社',
        ownerId: sato.id,
        contacts: [{ name: '担当', email: 'stays@sup.example.jp' }],
      })
      .expect(201);
    const done = await form({
      action: 'deactivate',
      userId: sato.id,
      confirm: 'yes',
      toUserId: '',
    });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/console/users?done=deactivated&user=${sato.id}`);
    const told = await page((done.headers.location as string).replace('/console/users', ''));
    expect(told.text).toContain(
      `佐藤 花子（${sato.email}）を無効化しました。セッションはすべて終了しました。</p>`,
    );
    expect((await owners())['残る担当株式会社']).toBe('佐藤 花子');
    // A deactivated user's remaining work can still be handed over afterwards.
    expect(rowOf(told.text, sato.email)).toContain('<summary>担当を引き継ぐ…</summary>');
  });

  it('refuses on the role form a role that cannot own their work, and hands it over with the change', async () => {
    const admin = { authorization: `Bearer ${adminToken}` };
    const invited = await api
      .http()
      .post('/api/v1/users')
      .set(admin)
      .send({
        email: 'yamada@handover-pages.example',
        displayName: '山田 太郎',
        role: 'procurement',
      })
      .expect(201);
    const yamada = { id: invited.body.id as string, email: 'yamada@handover-pages.example' };
    await api.dataSource.query(`UPDATE users SET password_hash = 'x' WHERE id = $1`, [yamada.id]);
    const supplierIds: string[] = [];
    for (const name of ['山田担当 工業株式会社', '山田担当 商事株式会社']) {
      const created = await api
        .http()
        .post('/api/v1/suppliers')
        .set(admin)
        .send({
          name,
          ownerId: yamada.id,
          contacts: [{ name: '担当', email: `${supplierIds.length}@yamada.example.jp` }],
        })
        .expect(201);
      supplierIds.push(created.body.id as string);
    }
    const campaign = await api
      .http()
      .post('/api/v1/campaigns')
      .set(admin)
      .send({
        name: '山田の点検',
        catalogVersion: 'meti-v3.0+sa-3.1',
        supplierIds,
        dueDate: tokyoToday(),
      })
      .expect(201);
    await api
      .http()
      .patch(`/api/v1/campaigns/${campaign.body.id}`)
      .set(admin)
      .send({ ownerId: yamada.id })
      .expect(200);
    const roleOf = async () =>
      (
        await api.dataSource.query<{ role: string }[]>('SELECT role FROM users WHERE id = $1', [
          yamada.id,
        ])
      )[0].role;
    const WORK = ['山田担当 工業株式会社', '山田担当 商事株式会社', '山田の点検'];
    /** Who owns each of Yamada's suppliers and campaigns. */
    const theirs = async () => {
      const all = await owners();
      return WORK.map((name) => all[name]);
    };
    const yamadaWork = ['山田 太郎', '山田 太郎', '山田 太郎'];
    expect(await theirs()).toEqual(yamadaWork);

    // The role form says why their work matters and offers whom to hand it to.
    const row = rowOf((await page()).text, yamada.email);
    expect(row).toContain(
      '担当しているサプライヤー 2 社・実施中のキャンペーン 1 件は、CISO・監査の役割では担当できません。これらの役割に変更するには引き継ぎ先を選んでください。',
    );
    expect(row).toMatch(
      new RegExp(
        `<label for="role-heir-${yamada.id}">役割変更時の引き継ぎ先</label>\\s*<select id="role-heir-${yamada.id}" name="toUserId" aria-describedby="role-work-${yamada.id}">\\s*<option value="" selected>引き継がない</option>`,
      ),
    );
    expect(row).toContain(`<option value="${tenant.users.admin.id}">管理 太郎`);
    const rowEn = rowOf((await page('?lang=en')).text, yamada.email);
    expect(rowEn).toContain(
      'They own 2 suppliers and 1 open campaign, which a CISO or auditor cannot own: to give them one of those roles, choose who takes these over with the role change.',
    );
    expect(rowEn).toContain(
      `<label for="role-heir-${yamada.id}">Hand over with the role change to</label>`,
    );

    // Without a hand-over: refused in the page's language, with the counts; nothing changes.
    const refused = await form({ action: 'role', userId: yamada.id, role: 'ciso', toUserId: '' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(
      '山田 太郎 さんはサプライヤー 2 社・実施中のキャンペーン 1 件を担当しているため、担当を持てないCISOの役割には変更できません。先に担当を引き継ぐか、役割の変更と同時に引き継ぎ先を選んでください。',
    );
    expect(refused.text).toContain('data-testid="users-table"');
    const refusedEn = await form(
      { action: 'role', userId: yamada.id, role: 'auditor' },
      { lang: 'en' },
    );
    expect(refusedEn.status).toBe(409);
    expect(refusedEn.text).toContain(
      '山田 太郎 owns 2 suppliers and 1 open campaign, which the Auditor role cannot own, so the role was not changed. Hand them over first, or choose who takes them over with the role change.',
    );
    // A heir who may not take over: neither the role nor the owners change.
    const badHeir = await form({
      action: 'role',
      userId: yamada.id,
      role: 'ciso',
      toUserId: former.id,
    });
    expect(badHeir.status).toBe(400);
    expect(badHeir.text).toContain(HEIR_REFUSED);
    expect(await roleOf()).toBe('procurement');
    expect(await theirs()).toEqual(yamadaWork);

    const done = await form({
      action: 'role',
      userId: yamada.id,
      role: 'ciso',
      toUserId: tenant.users.admin.id,
    });
    expect(done.status).toBe(303);
    const location = done.headers.location as string;
    expect(location).toBe(
      `/console/users?done=role&user=${yamada.id}&to=${tenant.users.admin.id}&suppliers=2&campaigns=1`,
    );
    const told = await page(location.replace('/console/users', ''));
    expect(told.text).toContain(
      `山田 太郎（${yamada.email}）の役割を変更しました。担当（サプライヤー 2 社・実施中のキャンペーン 1 件）は 管理 太郎 さんに引き継ぎました。`,
    );
    expect(rowOf(told.text, yamada.email)).not.toContain('role-heir-');
    expect(await roleOf()).toBe('ciso');
    expect(await theirs()).toEqual(['管理 太郎', '管理 太郎', '管理 太郎']);
  });
});
