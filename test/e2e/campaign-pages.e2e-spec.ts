import { join } from 'node:path';
import { Environment } from '@kakehashi/config';
import { FileOutboxTransport, outboxDirectory, tokyoToday } from '@kakehashi/mail';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

describe('campaign and outbox console pages (real app and database)', () => {
  const dataDir = join(process.env.DATA_DIR ?? '/tmp/kakehashi-test', 'campaign-pages');
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  let token: string;
  let procurement: string;
  let admin: string;
  let auditor: string;
  let otherProcurement: string;
  let appOrigin: string;
  const supplierIds: string[] = [];
  let campaignId: string;
  const campaignName = '2026年度 点検 <script>alert(1)</script>';

  const bearer = (value: string) => `Bearer ${value}`;
  /** The fingerprint of the supplier set the page's launch tick confirms. */
  const shownSupplierSet = (html: string) =>
    /<input type="hidden" name="supplierSet" value="([0-9a-f]{64})">/.exec(html)?.[1];
  /** What the first draft page showed its launch tick for. */
  let shownSet: string;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000', DATA_DIR: dataDir });
    appOrigin = new URL(api.app.get(Environment).APP_URL).origin;
    tenant = await createTestTenant(api.dataSource, 'campaign-pages');
    other = await createTestTenant(api.dataSource, 'campaign-pages-other');
    token = await loginToken(api, tenant.users.procurement.email);
    procurement = `kk_session=${token}`;
    admin = `kk_session=${await loginToken(api, tenant.users.admin.email)}`;
    auditor = `kk_session=${await loginToken(api, tenant.users.auditor.email)}`;
    otherProcurement = `kk_session=${await loginToken(api, other.users.procurement.email)}`;
    for (const [name, email] of [
      ['東海精機株式会社', 'tokai@seiki.example.jp'],
      ['北陸データ株式会社', 'hokuriku@data.example.jp'],
    ]) {
      const created = await api
        .http()
        .post('/api/v1/suppliers')
        .set('authorization', bearer(token))
        .send({ name, contacts: [{ name: '担当', email }] })
        .expect(201);
      supplierIds.push(created.body.id);
    }
    const campaign = await api
      .http()
      .post('/api/v1/campaigns')
      .set('authorization', bearer(token))
      .send({
        name: campaignName,
        catalogVersion: 'meti-v3.0+sa-3.1',
        supplierIds,
        dueDate: tokyoToday(),
      })
      .expect(201);
    campaignId = campaign.body.id;
  });
  afterAll(() => api.close());

  const status = async (id: string) =>
    (
      await api
        .http()
        .get(`/api/v1/campaigns/${id}`)
        .set('authorization', bearer(token))
        .expect(200)
    ).body.status as string;

  it('sends a signed-out visitor to the login page', async () => {
    const response = await api.http().get('/console/campaigns').expect(303);
    expect(response.headers.location).toBe('/login?next=%2Fconsole%2Fcampaigns');
  });

  it('shows a draft with its chosen suppliers and its name escaped', async () => {
    const page = await api
      .http()
      .get(`/console/campaigns/${campaignId}`)
      .set('cookie', procurement)
      .expect(200);
    expect(page.text).toContain('2026年度 点検 &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).toContain('data-status="draft"');
    expect(page.text).toContain('東海精機株式会社');
    expect(page.text).toContain('北陸データ株式会社');
    expect(page.text).toContain(`action="/console/campaigns/${campaignId}/launch"`);
    // The launch states how many suppliers it mails, behind a required tick.
    expect(page.text).toContain('2 社に招待メールを送信します。送信後は取り消せません。');
    expect(page.text).toMatch(
      /name="confirm" value="yes" required aria-describedby="launch-help" data-testid="campaign-launch-confirm"/,
    );
    expect(page.text).toContain('<input type="hidden" name="suppliers" value="2">');
    // …and carries the exact set of suppliers shown, not just their number.
    shownSet = shownSupplierSet(page.text)!;
    expect(shownSet).toBeDefined();
    expect(page.text).toContain('選択済み: 2 社');
    expect(page.text).toContain(`href="/console/campaigns/${campaignId}/suppliers"`);
    // The default reminder policy, in words.
    expect(page.text).toContain('回答期限の 7 日前・3 日前・1 日前にリマインダーを送ります。');
    expect(page.text).toContain('期限を過ぎると 3 日ごとにリマインダーを送ります。');
    expect(page.text).toContain(
      '期限後のリマインダーを 2 回送っても未提出のサプライヤーは、期限の 6 日後に担当者へ知らせます。',
    );
    const english = await api
      .http()
      .get(`/console/campaigns/${campaignId}?lang=en`)
      .set('cookie', procurement)
      .expect(200);
    expect(english.text).toContain(
      'Invitations will be mailed to 2 suppliers. Once sent, this cannot be undone.',
    );
    expect(english.text).toContain('Reminders go out 7, 3 and 1 days before the due date.');
  });

  it('refuses a launch sent from another site and leaves the campaign a draft', async () => {
    await api
      .http()
      .post(`/console/campaigns/${campaignId}/launch`)
      .set('cookie', procurement)
      .set('origin', 'https://evil.example')
      .type('form')
      .send('')
      .expect(403);
    expect(await status(campaignId)).toBe('draft');
  });

  it('refuses a launch without its tick, or when the suppliers changed since, in words', async () => {
    const launch = (body: string, lang = 'ja') =>
      api
        .http()
        .post(`/console/campaigns/${campaignId}/launch?lang=${lang}`)
        .set('cookie', procurement)
        .set('origin', appOrigin)
        .type('form')
        .send(body);
    const unticked = await launch('suppliers=2').expect(400);
    expect(unticked.text).toContain(
      '開始するには、確認のチェックを入れてから「開始」を押してください。',
    );
    // A tick without the count and the set it stated (a tampered or outdated form) confirms
    // nothing.
    for (const body of [
      'confirm=yes',
      'confirm=yes&suppliers=',
      'confirm=yes&suppliers=two',
      `confirm=yes&supplierSet=${shownSet}`,
      'confirm=yes&suppliers=2',
      'confirm=yes&suppliers=2&supplierSet=',
      'confirm=yes&suppliers=2&supplierSet=not-a-fingerprint',
    ]) {
      const countless = await launch(body).expect(400);
      expect(countless.text).toContain(
        '開始するには、確認のチェックを入れてから「開始」を押してください。',
      );
    }
    expect(await status(campaignId)).toBe('draft');
    expect(unticked.text).toMatch(/data-testid="campaign-launch-confirm" aria-invalid="true"/);
    const inEnglish = await launch('', 'en').expect(400);
    expect(inEnglish.text).toContain(
      'To launch the campaign, tick the confirmation, then press Launch.',
    );
    // The tick said 3 suppliers; the draft has 2: nobody is mailed what they did not confirm.
    const stale = await launch(`confirm=yes&suppliers=3&supplierSet=${shownSet}`).expect(409);
    expect(stale.text).toContain(
      '確認の後に対象のサプライヤーが変わりました（現在 2 社）。対象を確かめて、もう一度確認してください。',
    );
    expect(await status(campaignId)).toBe('draft');
    const assessments = await api.dataSource.query(
      'SELECT 1 FROM assessments WHERE campaign_id = $1',
      [campaignId],
    );
    expect(assessments).toHaveLength(0);
  });

  it('refuses a launch when suppliers were swapped since the page was shown, though their number is the same', async () => {
    const created = await api
      .http()
      .post('/api/v1/suppliers')
      .set('authorization', bearer(token))
      .send({
        name: '関西物流株式会社',
        contacts: [{ name: '担当', email: 'kansai@butsuryu.example.jp' }],
      })
      .expect(201);
    const swappedIn = created.body.id as string;
    const draft = await api
      .http()
      .post('/api/v1/campaigns')
      .set('authorization', bearer(token))
      .send({
        name: '入れ替えの点検',
        catalogVersion: 'meti-v3.0+sa-3.1',
        supplierIds,
        dueDate: tokyoToday(),
      })
      .expect(201);
    const id = draft.body.id as string;
    const show = (lang = 'ja') =>
      api
        .http()
        .get(`/console/campaigns/${id}?lang=${lang}`)
        .set('cookie', procurement)
        .expect(200);
    const launch = (body: string, lang = 'ja') =>
      api
        .http()
        .post(`/console/campaigns/${id}/launch?lang=${lang}`)
        .set('cookie', procurement)
        .set('origin', appOrigin)
        .type('form')
        .send(body);
    const seen = await show();
    expect(seen.text).toContain('2 社に招待メールを送信します。送信後は取り消せません。');
    const seenSet = shownSupplierSet(seen.text)!;
    expect(seenSet).toBeDefined();

    // Meanwhile a colleague takes 北陸データ off and puts 関西物流 on: still 2 suppliers.
    await api
      .http()
      .delete(`/api/v1/campaigns/${id}/suppliers/${supplierIds[1]}`)
      .set('authorization', bearer(token))
      .expect(204);
    await api
      .http()
      .post(`/api/v1/campaigns/${id}/suppliers`)
      .set('authorization', bearer(token))
      .send({ supplierIds: [swappedIn] })
      .expect(200);

    const refused = await launch(`confirm=yes&suppliers=2&supplierSet=${seenSet}`).expect(409);
    expect(refused.text).toContain(
      '確認の後に対象のサプライヤーが入れ替わりました（社数は同じ 2 社ですが、確認したときとは別のサプライヤーが含まれています）。招待メールは送っていません。対象を確かめて、もう一度確認してください。',
    );
    expect(refused.text).not.toContain('現在 2 社');
    const inEnglish = await launch(`confirm=yes&suppliers=2&supplierSet=${seenSet}`, 'en').expect(
      409,
    );
    expect(inEnglish.text).toContain(
      'The chosen suppliers were swapped after you confirmed: still 2, but not the same suppliers. No invitation was sent. Check them and confirm again.',
    );
    expect(await status(id)).toBe('draft');
    expect(
      await api.dataSource.query('SELECT 1 FROM assessments WHERE campaign_id = $1', [id]),
    ).toHaveLength(0);

    // The page shown again names the new choice and confirms it; that launch goes through, to
    // exactly the suppliers shown.
    const again = await show();
    expect(again.text).toContain('関西物流株式会社');
    expect(again.text).not.toContain('北陸データ株式会社');
    expect(again.text).toContain('2 社に招待メールを送信します。送信後は取り消せません。');
    const againSet = shownSupplierSet(again.text)!;
    expect(againSet).toBeDefined();
    expect(againSet).not.toBe(seenSet);
    await launch(`confirm=yes&suppliers=2&supplierSet=${againSet}`).expect(303);
    const invited = await api.dataSource.query<{ supplier_id: string }[]>(
      'SELECT supplier_id FROM assessments WHERE campaign_id = $1 ORDER BY supplier_id',
      [id],
    );
    expect(invited.map((row) => row.supplier_id)).toEqual([supplierIds[0], swappedIn].sort());
  });

  it('launches from the page, then lists the campaign with its counts', async () => {
    const launched = await api
      .http()
      .post(`/console/campaigns/${campaignId}/launch`)
      .set('cookie', procurement)
      .set('origin', appOrigin)
      .type('form')
      .send(`confirm=yes&suppliers=2&supplierSet=${shownSet}`)
      .expect(303);
    expect(launched.headers.location).toBe(`/console/campaigns/${campaignId}?done=launched`);
    expect(await status(campaignId)).toBe('launched');

    const list = await api.http().get('/console/campaigns').set('cookie', auditor).expect(200);
    const row = list.text.split('data-testid="campaign-row"').find((r) => r.includes(campaignId));
    expect(row).toBeDefined();
    expect(row).toContain('2026年度 点検 &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(row).toContain('data-status="launched"');
    expect(row).toContain('<td data-count="invited">2</td>');
    expect(row).toContain('<td data-count="submitted">0</td>');
    expect(row).toContain('<td data-delivery="failed">0</td>');
    expect(list.text).not.toContain('<script>alert(1)');
    // Auditors read but cannot create.
    expect(list.text).not.toContain('href="/console/campaigns/new"');

    const detail = await api
      .http()
      .get(`${launched.headers.location as string}&lang=en`)
      .set('cookie', procurement)
      .expect(200);
    expect(detail.text).toContain('The campaign was launched.');
    for (const id of supplierIds)
      expect(detail.text).toContain(`href="/dashboard/suppliers/${id}"`);
    expect(detail.text.match(/data-testid="assessment-row"/g)).toHaveLength(2);
    expect(detail.text).toContain('<td data-count="invited">2</td>');
    // The column counts who has not opened the link yet, not everyone invited.
    expect(detail.text).toContain('<th scope="col">Not opened</th>');
    expect(detail.text).not.toContain(`/console/campaigns/${campaignId}/launch`);
  });

  it('closes from the page only with the confirmation ticked, and says so in the page’s language', async () => {
    const page = await api
      .http()
      .get(`/console/campaigns/${campaignId}`)
      .set('cookie', procurement)
      .expect(200);
    expect(page.text).toContain('name="confirm" value="yes" required');
    const unconfirmed = await api
      .http()
      .post(`/console/campaigns/${campaignId}/close`)
      .set('cookie', procurement)
      .set('origin', appOrigin)
      .type('form')
      .send('')
      .expect(400);
    expect(unconfirmed.text).toContain(
      '終了するには、確認のチェックを入れてから「終了」を押してください。',
    );
    expect(unconfirmed.text).toMatch(/<details class="campaign-action" open>/);
    expect(await status(campaignId)).toBe('launched');
    await api
      .http()
      .post(`/console/campaigns/${campaignId}/close`)
      .set('cookie', procurement)
      .set('origin', appOrigin)
      .type('form')
      .send('confirm=yes')
      .expect(303);
    expect(await status(campaignId)).toBe('closed');
    // Launching it now (a stale page, ticked) is refused in words, not with the API's English.
    const refused = await api
      .http()
      .post(`/console/campaigns/${campaignId}/launch?lang=en`)
      .set('cookie', procurement)
      .set('origin', appOrigin)
      .type('form')
      .send(`confirm=yes&suppliers=2&supplierSet=${shownSet}`)
      .expect(409);
    expect(refused.text).toContain('This campaign is already closed.');
  });

  it('keeps a campaign that was launched before it was closed: no delete, refused with the reason', async () => {
    expect(await status(campaignId)).toBe('closed');
    const page = await api
      .http()
      .get(`/console/campaigns/${campaignId}`)
      .set('cookie', procurement)
      .expect(200);
    expect(page.text).not.toContain('data-testid="campaign-delete"');
    expect(page.text).not.toContain(`action="/console/campaigns/${campaignId}/delete"`);
    const viaApi = await api
      .http()
      .delete(`/api/v1/campaigns/${campaignId}`)
      .set('authorization', bearer(token))
      .expect(409);
    expect(viaApi.body).toMatchObject({
      campaignStatus: 'closed',
      reason: 'closed_after_launch',
      message: expect.stringContaining('was launched before it was closed'),
    });
    for (const [lang, words] of [
      [
        'ja',
        'このキャンペーンは開始した後に終了したため削除できません。招待したサプライヤーと回答の記録は残ります。',
      ],
      [
        'en',
        'This campaign was launched before it was closed, so it cannot be deleted: the record of its invited suppliers and their answers is kept.',
      ],
    ]) {
      const forged = await api
        .http()
        .post(`/console/campaigns/${campaignId}/delete?lang=${lang}`)
        .set('cookie', procurement)
        .set('origin', appOrigin)
        .type('form')
        .send('confirm=yes')
        .expect(409);
      expect(forged.text).toContain(words);
    }
    expect(await status(campaignId)).toBe('closed');
  });

  it('deletes a campaign closed by mistake before launch from its page, behind a tick, audited', async () => {
    const draft = await api
      .http()
      .post('/api/v1/campaigns')
      .set('authorization', bearer(token))
      .send({
        name: '開始前に終了した点検',
        catalogVersion: 'meti-v3.0+sa-3.1',
        supplierIds,
        dueDate: tokyoToday(),
      })
      .expect(201);
    const id = draft.body.id as string;
    const post = (path: string, body: string) =>
      api
        .http()
        .post(path)
        .set('cookie', procurement)
        .set('origin', appOrigin)
        .type('form')
        .send(body);
    await post(`/console/campaigns/${id}/close`, 'confirm=yes').expect(303);
    expect(await status(id)).toBe('closed');

    const page = await api
      .http()
      .get(`/console/campaigns/${id}`)
      .set('cookie', procurement)
      .expect(200);
    expect(page.text).toContain(`action="/console/campaigns/${id}/delete"`);
    expect(page.text).toContain('<summary>キャンペーンを削除…</summary>');
    expect(page.text).toContain(
      'このキャンペーンは開始せずに終了したため、誰にもメールは送られていません。削除したキャンペーンは元に戻せません。',
    );
    expect(page.text).toMatch(
      /name="confirm" value="yes" required aria-describedby="delete-help" data-testid="campaign-delete-confirm"> このキャンペーンを削除することを確認しました/,
    );
    const english = await api
      .http()
      .get(`/console/campaigns/${id}?lang=en`)
      .set('cookie', procurement)
      .expect(200);
    expect(english.text).toContain('<summary>Delete the campaign…</summary>');
    // Readers see no delete button.
    const asAuditor = await api
      .http()
      .get(`/console/campaigns/${id}`)
      .set('cookie', auditor)
      .expect(200);
    expect(asAuditor.text).not.toContain('data-testid="campaign-delete"');

    const unticked = await post(`/console/campaigns/${id}/delete`, '').expect(400);
    expect(unticked.text).toContain(
      '削除するには、確認のチェックを入れてから「キャンペーンを削除」を押してください。',
    );
    expect(unticked.text).toContain(
      '<details class="campaign-action" open data-testid="campaign-delete">',
    );
    expect(await status(id)).toBe('closed');

    const deleted = await post(`/console/campaigns/${id}/delete`, 'confirm=yes').expect(303);
    expect(deleted.headers.location).toBe('/console/campaigns?done=deletedClosed');
    const list = await api
      .http()
      .get(deleted.headers.location as string)
      .set('cookie', procurement)
      .expect(200);
    expect(list.text).toContain('開始せずに終了したキャンペーンを削除しました。');
    expect(list.text).not.toContain('開始前に終了した点検');
    const listEn = await api
      .http()
      .get(`${deleted.headers.location as string}&lang=en`)
      .set('cookie', procurement)
      .expect(200);
    expect(listEn.text).toContain('The campaign closed before launch was deleted.');
    await api.http().get(`/api/v1/campaigns/${id}`).set('authorization', bearer(token)).expect(404);
    const audit = await api.dataSource.query<{ actor_id: string; details: object }[]>(
      `SELECT actor_id, details FROM audit_events WHERE action = 'campaign.deleted' AND target_id = $1`,
      [id],
    );
    expect(audit).toEqual([
      {
        actor_id: tenant.users.procurement.id,
        details: expect.objectContaining({ name: '開始前に終了した点検', status: 'closed' }),
      },
    ]);
  });

  it('shows the owner to every reader; procurement gives an open campaign another owner, told in words', async () => {
    const created = await api
      .http()
      .post('/api/v1/campaigns')
      .set('authorization', bearer(token))
      .send({
        name: '担当者を替える点検',
        catalogVersion: 'meti-v3.0+sa-3.1',
        supplierIds: [supplierIds[0]],
        dueDate: tokyoToday(),
      })
      .expect(201);
    const id = created.body.id as string;
    for (const [userId, name] of [
      [tenant.users.procurement.id, '佐藤 花子'],
      [tenant.users.admin.id, '鈴木 一郎'],
      [tenant.users.ciso.id, '高橋 監視'],
    ]) {
      await api.dataSource.query('UPDATE users SET display_name = $2 WHERE id = $1', [
        userId,
        name,
      ]);
    }
    const page = (cookie: string, query = '') =>
      api.http().get(`/console/campaigns/${id}${query}`).set('cookie', cookie).expect(200);
    const change = (fields: Record<string, string>, cookie = procurement, origin = appOrigin) =>
      api
        .http()
        .post(`/console/campaigns/${id}/owner`)
        .set('cookie', cookie)
        .set('origin', origin)
        .type('form')
        .send(new URLSearchParams(fields).toString());
    const ownerId = async () =>
      (
        await api
          .http()
          .get(`/api/v1/campaigns/${id}`)
          .set('authorization', bearer(token))
          .expect(200)
      ).body.ownerId as string;
    const ownerLine = (html: string) => /data-testid="campaign-owner">([^<]*)</.exec(html)?.[1];

    // Every reader sees who owns it; only procurement and admins get the form.
    const read = await page(auditor);
    expect(ownerLine(read.text)).toBe('佐藤 花子');
    expect(read.text).toContain('担当者:');
    expect(read.text).not.toContain(`action="/console/campaigns/${id}/owner"`);
    const form = await page(procurement);
    expect(form.text).toContain(`action="/console/campaigns/${id}/owner"`);
    expect(form.text).toContain(
      `<option value="${tenant.users.procurement.id}" selected>佐藤 花子 &lt;${tenant.users.procurement.email}&gt;</option>`,
    );
    expect(form.text).toContain(`<option value="${tenant.users.admin.id}">鈴木 一郎`);
    expect(form.text).not.toContain(`<option value="${tenant.users.ciso.id}"`);
    expect(form.text).toMatch(/<label for="campaign-owner-select">新しい担当者<\/label>/);
    expect(form.text).toMatch(/id="campaign-owner-select"[^>]*aria-describedby="owner-help"/);

    // Refusals: another role, another site, someone who may not own, another tenant's user.
    await change({ ownerId: tenant.users.admin.id }, auditor).expect(403);
    await change({ ownerId: tenant.users.admin.id }, procurement, 'https://evil.example').expect(
      403,
    );
    await change({ ownerId: tenant.users.admin.id }, otherProcurement).expect(404);
    for (const bad of [tenant.users.ciso.id, other.users.procurement.id, 'not-a-uuid', '']) {
      const refused = await change({ ownerId: bad }).expect(400);
      expect(refused.text).toContain(
        '担当者には、この組織の有効な調達担当者または管理者を選んでください。',
      );
      expect(refused.text).toMatch(
        /<details class="campaign-action" open data-testid="campaign-owner-change">/,
      );
      expect(refused.text).toMatch(/id="campaign-owner-select"[^>]*aria-invalid="true"/);
    }
    const inEnglish = await change({ ownerId: tenant.users.ciso.id }, `${procurement}; kk_lang=en`);
    expect(inEnglish.status).toBe(400);
    expect(inEnglish.text).toContain(
      'Choose an active procurement user or admin of this organization as the owner.',
    );
    expect(await ownerId()).toBe(tenant.users.procurement.id);

    const changed = await change({ ownerId: tenant.users.admin.id }).expect(303);
    expect(changed.headers.location).toBe(`/console/campaigns/${id}?done=owner`);
    const told = await page(procurement, '?done=owner');
    expect(told.text).toContain('担当者を 鈴木 一郎 さんに変更しました。');
    expect(ownerLine(told.text)).toBe('鈴木 一郎');
    const toldEn = await page(procurement, '?done=owner&lang=en');
    expect(toldEn.text).toContain('The owner is now 鈴木 一郎.');
    expect(toldEn.text).toContain('Owner:');
    expect(await ownerId()).toBe(tenant.users.admin.id);
    const audit = await api.dataSource.query<{ actor_id: string; details: unknown }[]>(
      `SELECT actor_id, details FROM audit_events
        WHERE action = 'campaign.updated' AND target_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit).toEqual([
      {
        actor_id: tenant.users.procurement.id,
        details: {
          changes: {
            ownerId: { from: tenant.users.procurement.id, to: tenant.users.admin.id },
          },
        },
      },
    ]);
    // Sending the current owner again changes nothing and announces nothing.
    const same = await change({ ownerId: tenant.users.admin.id }).expect(303);
    expect(same.headers.location).toBe(`/console/campaigns/${id}`);

    // A closed campaign keeps its owner: no form, and a stale form is refused in words.
    await api
      .http()
      .post(`/api/v1/campaigns/${id}/close`)
      .set('authorization', bearer(token))
      .expect(200);
    const closed = await page(procurement);
    expect(ownerLine(closed.text)).toBe('鈴木 一郎');
    expect(closed.text).not.toContain(`action="/console/campaigns/${id}/owner"`);
    const late = await change({ ownerId: tenant.users.procurement.id }).expect(409);
    expect(late.text).toContain('このキャンペーンはすでに終了しています。');
    expect(await ownerId()).toBe(tenant.users.admin.id);
  });

  it('answers 404 to another tenant and keeps their actions closed', async () => {
    // A console page in the person's language, not the API's JSON.
    const notFound = await api
      .http()
      .get(`/console/campaigns/${campaignId}`)
      .set('cookie', otherProcurement)
      .expect(404)
      .expect('content-type', /text\/html/);
    expect(notFound.text).toContain('ページが見つかりません');
    expect(notFound.text).toContain('href="/dashboard"');
    expect(notFound.text).not.toContain(campaignName);
    const inEnglish = await api
      .http()
      .get(`/console/campaigns/${campaignId}?lang=en`)
      .set('cookie', otherProcurement)
      .expect(404);
    expect(inEnglish.text).toContain('Page not found');
    await api
      .http()
      .post(`/console/campaigns/${campaignId}/close`)
      .set('cookie', otherProcurement)
      .set('origin', appOrigin)
      .type('form')
      .send('')
      .expect(404);
    const list = await api
      .http()
      .get('/console/campaigns')
      .set('cookie', otherProcurement)
      .expect(200);
    expect(list.text).not.toContain(campaignId);
  });

  it('creates a draft from the new-campaign form with its questionnaire and reminder policy', async () => {
    const form = await api
      .http()
      .get('/console/campaigns/new')
      .set('cookie', procurement)
      .expect(200);
    // No supplier list any more: they are chosen on the draft's own page.
    expect(form.text).not.toContain('name="supplierIds"');
    expect(form.text).not.toContain('Ctrl');
    expect(form.text).toMatch(
      /<option value="meti-v3\.0\+sa-3\.1" selected>[^<]*\(meti-v3\.0\+sa-3\.1\)<\/option>/,
    );
    expect(form.text).toContain('name="beforeDays" value="7,3,1"');
    expect(form.text).toContain('name="overdueEveryDays" value="3"');
    expect(form.text).toContain('name="escalateAfterOverdue" value="2"');
    expect(form.text).toMatch(/<label for="campaign-before">期限前のリマインダー/);

    const body = new URLSearchParams([
      ['name', '画面から作成'],
      ['dueDate', tokyoToday()],
      ['catalogVersion', 'meti-v3.0+sa-3.1'],
      // Full-width digits and 、 as typed on a Japanese keyboard; repeats are one reminder.
      ['beforeDays', '１４、7,7 3'],
      ['overdueEveryDays', '5'],
      ['escalateAfterOverdue', '0'],
    ]).toString();
    const created = await api
      .http()
      .post('/console/campaigns/new')
      .set('cookie', procurement)
      .set('origin', appOrigin)
      .type('form')
      .send(body)
      .expect(303);
    const id = /^\/console\/campaigns\/([0-9a-f-]{36})\/suppliers\?done=created$/.exec(
      created.headers.location,
    )?.[1];
    expect(id).toBeDefined();
    const read = await api
      .http()
      .get(`/api/v1/campaigns/${id}`)
      .set('authorization', bearer(token))
      .expect(200);
    expect(read.body).toMatchObject({
      name: '画面から作成',
      status: 'draft',
      catalogVersion: 'meti-v3.0+sa-3.1',
      reminderPolicy: { beforeDays: [14, 7, 3], overdueEveryDays: 5, escalateAfterOverdue: 0 },
      draftSupplierCount: 0,
    });
    const next = await api
      .http()
      .get(created.headers.location)
      .set('cookie', procurement)
      .expect(200);
    expect(next.text).toContain(
      'キャンペーンを下書きとして作成しました。対象のサプライヤーを追加してください。',
    );
    const detail = await api
      .http()
      .get(`/console/campaigns/${id}`)
      .set('cookie', procurement)
      .expect(200);
    expect(detail.text).toContain('回答期限の 14 日前・7 日前・3 日前にリマインダーを送ります。');
    expect(detail.text).toContain('期限を過ぎると 5 日ごとにリマインダーを送ります。');
    expect(detail.text).toContain('担当者へのエスカレーションはしません。');
    // No supplier yet: nothing to launch, and the page says where to add them.
    expect(detail.text).not.toContain(`action="/console/campaigns/${id}/launch"`);
    expect(detail.text).toContain('対象のサプライヤーを追加すると開始できます。');

    const past = await api
      .http()
      .post('/console/campaigns/new')
      .set('cookie', procurement)
      .set('origin', appOrigin)
      .type('form')
      .send(
        new URLSearchParams({
          name: '過去の期限',
          dueDate: '2020-01-01',
          catalogVersion: 'meti-v3.0+sa-3.1',
          beforeDays: '7',
          overdueEveryDays: '3',
          escalateAfterOverdue: '2',
        }).toString(),
      )
      .expect(400);
    expect(past.text).toContain('「回答期限」には今日以降の日付を指定してください（日本時間）。');
    expect(past.text).not.toContain('dueDate must not be in the past');
    expect(past.text).toContain('value="過去の期限"');
  });

  describe('refusals told in the page’s language, each once', () => {
    /** The form as a browser sends it: the defaults, with `fields` typed over them. */
    const post = (fields: [string, string][], lang?: 'ja' | 'en') => {
      const body = new URLSearchParams({
        catalogVersion: 'meti-v3.0+sa-3.1',
        beforeDays: '7,3,1',
        overdueEveryDays: '3',
        escalateAfterOverdue: '2',
      });
      for (const [name, value] of fields) body.set(name, value);
      return api
        .http()
        .post(`/console/campaigns/new${lang ? `?lang=${lang}` : ''}`)
        .set('cookie', procurement)
        .set('origin', appOrigin)
        .type('form')
        .send(body.toString());
    };
    /** The message shown beside a field (its id names the field). */
    const beside = (html: string, id: string) =>
      new RegExp(`id="${id}-error">([^<]*)<`).exec(html)?.[1];
    const messages = (html: string) => {
      const box = /data-testid="campaign-error">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
      return [...box.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1].trim());
    };

    it('a name of spaces and a past due date, in Japanese and in English', async () => {
      const fields: [string, string][] = [
        ['name', '   '],
        ['dueDate', '2020-01-01'],
      ];
      const ja = await post(fields).expect(400);
      expect(messages(ja.text)).toEqual([
        '「キャンペーン名」を入力してください。',
        '「回答期限」には今日以降の日付を指定してください（日本時間）。',
      ]);
      expect(ja.text).toMatch(/id="campaign-name"[^>]*aria-invalid="true"/);
      const en = await post(fields, 'en').expect(400);
      expect(messages(en.text)).toEqual([
        'Enter the campaign name.',
        'The due date must be today or later (Japan time).',
      ]);
    });

    it('a due date that is not a date', async () => {
      const badDate = await post([
        ['name', '日付不正'],
        ['dueDate', '2026-02-30'],
      ]).expect(400);
      expect(messages(badDate.text)).toEqual([
        '「回答期限」は日付（YYYY-MM-DD）で入力してください。',
      ]);
      expect(beside(badDate.text, 'campaign-due')).toBe(
        '「回答期限」は日付（YYYY-MM-DD）で入力してください。',
      );
    });

    it('a questionnaire that does not exist and a reminder policy out of range, each beside its field', async () => {
      const fields: [string, string][] = [
        ['name', 'リマインダー不正'],
        ['dueDate', tokyoToday()],
        ['catalogVersion', 'meti-v9'],
        ['beforeDays', '7,0,abc'],
        ['overdueEveryDays', '31'],
        ['escalateAfterOverdue', ''],
      ];
      const ja = await post(fields).expect(400);
      expect(messages(ja.text)).toEqual([
        '「質問票」は一覧から選んでください。',
        '「期限前のリマインダー」は 1〜90 の日数をカンマ区切りで 10 個まで入力してください（例: 7,3,1）。',
        '「期限後のリマインダーの間隔」は 1〜30 の整数で入力してください。',
        '「担当者へのエスカレーション（回）」を入力してください。',
      ]);
      expect(beside(ja.text, 'campaign-catalog')).toBe('「質問票」は一覧から選んでください。');
      expect(beside(ja.text, 'campaign-before')).toBe(
        '「期限前のリマインダー」は 1〜90 の日数をカンマ区切りで 10 個まで入力してください（例: 7,3,1）。',
      );
      expect(beside(ja.text, 'campaign-overdue')).toBe(
        '「期限後のリマインダーの間隔」は 1〜30 の整数で入力してください。',
      );
      expect(ja.text).toMatch(
        /id="campaign-before"[^>]*aria-describedby="campaign-before-help campaign-before-error" aria-invalid="true"/,
      );
      expect(ja.text).toMatch(/id="campaign-escalate"[^>]*aria-invalid="true"/);
      expect(ja.text).not.toMatch(/id="campaign-name"[^>]*aria-invalid/);
      // What was typed stays in the form.
      expect(ja.text).toContain('name="beforeDays" value="7,0,abc"');
      expect(ja.text).toContain('name="overdueEveryDays" value="31"');
      expect(ja.text).not.toContain('must be');

      const en = await post(
        [
          ['name', 'Bad policy'],
          ['dueDate', tokyoToday()],
          ['beforeDays', '1,2,3,4,5,6,7,8,9,10,11'],
          ['escalateAfterOverdue', '11'],
        ],
        'en',
      ).expect(400);
      expect(messages(en.text)).toEqual([
        'Enter the reminders before the due date as days from 1 to 90, separated by commas, at most 10 (for example 7,3,1).',
        'Enter the escalation to the owner as a whole number from 0 to 10.',
      ]);
      const names = await api.dataSource.query(
        "SELECT 1 FROM campaigns WHERE name IN ('リマインダー不正', 'Bad policy')",
      );
      expect(names).toHaveLength(0);
    });
  });

  it('refuses a campaign name of spaces through the API and stores names trimmed', async () => {
    const valid = {
      catalogVersion: 'meti-v3.0+sa-3.1',
      supplierIds: [supplierIds[0]],
      dueDate: tokyoToday(),
    };
    for (const name of ['  ', '\u3000']) {
      const blank = await api
        .http()
        .post('/api/v1/campaigns')
        .set('authorization', bearer(token))
        .send({ ...valid, name })
        .expect(400);
      expect(blank.body.message).toBe('name should not be empty');
    }
    const created = await api
      .http()
      .post('/api/v1/campaigns')
      .set('authorization', bearer(token))
      .send({ ...valid, name: '  前後に空白  ' })
      .expect(201);
    const read = await api
      .http()
      .get(`/api/v1/campaigns/${created.body.id}`)
      .set('authorization', bearer(token))
      .expect(200);
    expect(read.body.name).toBe('前後に空白');
  });

  it('shows the development outbox to admins only, the HTML in a sandboxed srcdoc frame', async () => {
    await new FileOutboxTransport(outboxDirectory(dataDir)).send({
      from: { name: '調達部', address: 'no-reply@kakehashi.example' },
      to: { address: 'outbox-page@example.jp' },
      subject: '画面確認 <b>件名</b>',
      text: 'テキスト本文',
      html: '<p class="x">本文 "引用" &amp; <script>alert(2)</script></p>',
    });
    const refused = await api.http().get('/console/outbox').set('cookie', procurement);
    expect([303, 403]).toContain(refused.status);
    expect(refused.text).not.toContain('outbox-page@example.jp');

    const page = await api.http().get('/console/outbox').set('cookie', admin).expect(200);
    expect(page.text).toContain('outbox-page@example.jp');
    expect(page.text).toContain('画面確認 &lt;b&gt;件名&lt;/b&gt;');
    expect(page.text).toContain(
      'srcdoc="&lt;p class&#x3D;&quot;x&quot;&gt;本文 &quot;引用&quot; &amp;amp; &lt;script&gt;alert(2)&lt;/script&gt;&lt;/p&gt;"',
    );
    expect(page.text).toMatch(/<iframe sandbox srcdoc=/);
    expect(page.text).toContain('テキスト本文');
    expect(page.text).not.toContain('<script>alert(2)');
    // srcdoc frames load no URL, so frame-src/default-src do not stop them; nothing denies frames.
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/frame-src 'none'|child-src 'none'|default-src 'none'/);
  });
});
