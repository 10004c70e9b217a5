import { join } from 'node:path';
import { Environment } from '@kakehashi/config';
import { formatDueDate, tokyoToday } from '@kakehashi/mail';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

function inDays(days: number): string {
  const today = new Date(`${tokyoToday()}T00:00:00Z`);
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * What a draft's invitations will say and ask (sender name, cover note, reminder policy,
 * questionnaire, name): set on the new-campaign form, changed on the draft's page or by PATCH while
 * a draft, refused once launched, and previewed as the supplier will read it.
 */
describe('a draft campaign’s settings (real app and database)', () => {
  const dataDir = join(process.env.DATA_DIR ?? '/tmp/kakehashi-test', 'campaign-settings');
  let api: TestApi;
  let tenant: TestTenant;
  let token: string;
  let procurement: string;
  let auditor: string;
  let origin: string;
  let supplierId: string;
  const organizationName = async () =>
    (
      await api.dataSource.query<{ name: string }[]>(
        'SELECT name FROM organizations WHERE id = $1',
        [tenant.organizationId],
      )
    )[0].name;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000', DATA_DIR: dataDir });
    origin = new URL(api.app.get(Environment).APP_URL).origin;
    tenant = await createTestTenant(api.dataSource, 'campaign-settings');
    token = await loginToken(api, tenant.users.procurement.email);
    procurement = `kk_session=${token}`;
    auditor = `kk_session=${await loginToken(api, tenant.users.auditor.email)}`;
    const created = await api
      .http()
      .post('/api/v1/suppliers')
      .set('authorization', `Bearer ${token}`)
      .send({
        name: '設定テスト株式会社',
        contacts: [{ name: '担当', email: 'settings@s.example' }],
      })
      .expect(201);
    supplierId = created.body.id;
  });
  afterAll(() => api.close());

  const call = (method: 'get' | 'post' | 'patch', path: string, body?: object) =>
    api.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${token}`).send(body);
  const page = (path: string, cookie = procurement) =>
    api.http().get(path).set('cookie', cookie).expect(200);
  const postForm = (path: string, fields: Record<string, string>, cookie = procurement) =>
    api
      .http()
      .post(path)
      .set('cookie', cookie)
      .set('origin', origin)
      .type('form')
      .send(new URLSearchParams(fields).toString());
  const draft = async (fields: object = {}) =>
    (
      await call('post', '/campaigns', {
        name: '設定テスト',
        catalogVersion: 'meti-v3.0+sa-3.1',
        supplierIds: [supplierId],
        dueDate: inDays(20),
        ...fields,
      }).expect(201)
    ).body.id as string;

  it('asks for the sender name and the cover note on the new-campaign form, and keeps them', async () => {
    const form = await page('/console/campaigns/new');
    expect(form.text).toMatch(
      /<label for="campaign-sender">送信者名<\/label><br>\s*<input id="campaign-sender" type="text" name="senderName" value="" maxlength="100"/,
    );
    expect(form.text).toContain(
      '招待メールの件名・本文と差出人に表示する名前です（100 文字以内。空欄なら組織名）。',
    );
    expect(form.text).toMatch(
      /<label for="campaign-message">依頼文<\/label><br>\s*<textarea id="campaign-message" name="message"[^>]*maxlength="2000"/,
    );
    expect(form.text).toContain('「送信者名からのメッセージ」として添えます');
    // The date picker offers today up to a year ahead.
    expect(form.text).toMatch(
      new RegExp(`name="dueDate" value="${tokyoToday()}" min="${tokyoToday()}" max="\\d{4}-`),
    );
    const english = await page('/console/campaigns/new', `${procurement}; kk_lang=en`);
    expect(english.text).toContain('<label for="campaign-sender">Sender name</label>');
    expect(english.text).toContain('<label for="campaign-message">Cover note</label>');

    const fields = {
      name: '送信者名つき',
      dueDate: inDays(10),
      catalogVersion: 'meti-v3.0+sa-3.1',
      beforeDays: '7,3,1',
      overdueEveryDays: '3',
      escalateAfterOverdue: '2',
    };
    const tooLong = await postForm('/console/campaigns/new', {
      ...fields,
      senderName: 'あ'.repeat(101),
      message: '期日までにお願いします。',
    }).expect(400);
    expect(tooLong.text).toContain('「送信者名」は100文字以内で入力してください。');
    // What was typed is kept.
    expect(tooLong.text).toContain('期日までにお願いします。</textarea>');

    const created = await postForm('/console/campaigns/new', {
      ...fields,
      senderName: '株式会社サンプル 調達部',
      message: '期日までに\r\nご回答をお願いいたします。',
    }).expect(303);
    const id = /campaigns\/([0-9a-f-]{36})\//.exec(created.headers.location)![1];
    const read = await call('get', `/campaigns/${id}`).expect(200);
    expect(read.body).toMatchObject({
      senderName: '株式会社サンプル 調達部',
      message: '期日までに\nご回答をお願いいたします。',
    });
  });

  it('changes a draft’s sender name, note, reminder policy and name by PATCH, and refuses them once launched, naming the field', async () => {
    const id = await draft();
    const changed = await call('patch', `/campaigns/${id}`, {
      name: '改名した下書き',
      senderName: '  調達部  ',
      message: '新しい依頼文',
      reminderPolicy: { beforeDays: [3, 10], overdueEveryDays: 2, escalateAfterOverdue: 1 },
      catalogVersion: 'meti-v3.0+sa-3.1',
    }).expect(200);
    expect(changed.body).toMatchObject({
      name: '改名した下書き',
      senderName: '調達部',
      message: '新しい依頼文',
      reminderPolicy: { beforeDays: [10, 3], overdueEveryDays: 2, escalateAfterOverdue: 1 },
    });
    // Bad values are refused naming the field, nothing half-written.
    for (const body of [
      { senderName: 'x'.repeat(101), name: '書きかけ' },
      { message: 'x'.repeat(2001), name: '書きかけ' },
      { reminderPolicy: { beforeDays: [0], overdueEveryDays: 2, escalateAfterOverdue: 1 } },
      { catalogVersion: 'nope', name: '書きかけ' },
    ]) {
      const refused = await call('patch', `/campaigns/${id}`, body).expect(400);
      expect(JSON.stringify(refused.body.message)).toContain(
        Object.keys(body).find((k) => k !== 'name'),
      );
    }
    // Blank clears: the invitation then uses the organization's name and has no note.
    const cleared = await call('patch', `/campaigns/${id}`, {
      senderName: '',
      message: null,
    }).expect(200);
    expect(cleared.body).toMatchObject({
      name: '改名した下書き',
      senderName: null,
      message: null,
    });

    await call('post', `/campaigns/${id}/launch`).expect(200);
    for (const [field, value] of [
      ['senderName', '別の送信者'],
      ['message', '開始後の依頼文'],
      ['reminderPolicy', { beforeDays: [1], overdueEveryDays: 2, escalateAfterOverdue: 1 }],
    ] as const) {
      const refused = await call('patch', `/campaigns/${id}`, { [field]: value }).expect(409);
      expect(refused.body).toMatchObject({
        field,
        message: `${field} can only be changed while the campaign is a draft`,
      });
    }
    // Unchanged values are no change; the name, owner and due date stay editable.
    const renamed = await call('patch', `/campaigns/${id}`, {
      name: '開始後に改名',
      senderName: null,
      reminderPolicy: { beforeDays: [3, 10], overdueEveryDays: 2, escalateAfterOverdue: 1 },
    }).expect(200);
    expect(renamed.body).toMatchObject({ name: '開始後に改名', senderName: null, message: null });
  });

  it('offers a draft’s settings form and a preview of its invitation on the draft’s page', async () => {
    const id = await draft({ name: '画面で設定', senderName: '調達部 <b>', message: '依頼文1' });
    const action = `<form method="post" action="/console/campaigns/${id}" class="supplier-form campaign-form">`;
    const before = await page(`/console/campaigns/${id}`);
    expect(before.text).toContain(action);
    expect(before.text).toContain('<dd data-testid="campaign-sender-name">調達部 &lt;b&gt;</dd>');
    expect(before.text).toMatch(
      /id="settings-sender" type="text" name="senderName" value="調達部 &lt;b&gt;"/,
    );
    expect(before.text).toContain('>依頼文1</textarea>');
    // Readers see the settings, not the form.
    const read = await page(`/console/campaigns/${id}`, auditor);
    expect(read.text).toContain('<dd data-testid="campaign-sender-name">調達部 &lt;b&gt;</dd>');
    expect(read.text).not.toContain(action);

    const saved = await postForm(`/console/campaigns/${id}`, {
      name: '画面で改名',
      catalogVersion: 'meti-v3.0+sa-3.1',
      senderName: '東京本社 購買部',
      message: 'よろしくお願いします。\r\n二行目',
      beforeDays: '５,2',
      overdueEveryDays: '4',
      escalateAfterOverdue: '0',
    }).expect(303);
    expect(saved.headers.location).toBe(`/console/campaigns/${id}?done=settingsChanged`);
    const after = await page(saved.headers.location);
    expect(after.text).toContain('設定を保存しました。');
    expect(after.text).toContain('回答期限の 5 日前・2 日前にリマインダーを送ります。');
    expect((await call('get', `/campaigns/${id}`).expect(200)).body).toMatchObject({
      name: '画面で改名',
      senderName: '東京本社 購買部',
      message: 'よろしくお願いします。\n二行目',
      reminderPolicy: { beforeDays: [5, 2], overdueEveryDays: 4, escalateAfterOverdue: 0 },
    });

    // The preview: the worker's own template with this draft's name, date, sender and note.
    const preview = /<section data-testid="campaign-preview">([\s\S]*?)<\/section>/.exec(
      after.text,
    )?.[1];
    expect(preview).toBeDefined();
    expect(preview).toContain(
      '<span data-testid="campaign-preview-subject">【東京本社 購買部】セキュリティ対策状況アンケートのご依頼(画面で改名)</span>',
    );
    expect(preview).toContain(`回答期限: ${formatDueDate(inDays(20), 'ja')}`);
    expect(preview).toContain('東京本社 購買部からのメッセージ:\nよろしくお願いします。\n二行目');
    expect(preview).toContain('[東京本社 購買部] Security questionnaire request: 画面で改名');
    expect(preview).toContain(`Due date: ${formatDueDate(inDays(20), 'en')}`);

    // Blank sender name: the organization's name, as the worker does.
    await postForm(`/console/campaigns/${id}`, {
      name: '画面で改名',
      catalogVersion: 'meti-v3.0+sa-3.1',
      senderName: '',
      message: '',
      beforeDays: '5,2',
      overdueEveryDays: '4',
      escalateAfterOverdue: '0',
    }).expect(303);
    const blank = await page(`/console/campaigns/${id}`);
    const orgName = (await organizationName()).replace(/&/g, '&amp;');
    expect(blank.text).toContain(
      `【${orgName}】セキュリティ対策状況アンケートのご依頼(画面で改名)`,
    );
    expect(blank.text).not.toContain('からのメッセージ:');

    // A refused form is shown again as typed, each refusal beside its field; nothing changes.
    const refused = await postForm(`/console/campaigns/${id}`, {
      name: '',
      catalogVersion: 'meti-v3.0+sa-3.1',
      senderName: '残る入力',
      message: 'x'.repeat(2001),
      beforeDays: '5,2',
      overdueEveryDays: '99',
      escalateAfterOverdue: '0',
    }).expect(400);
    expect(refused.text).toContain(
      '<details class="campaign-action" open data-testid="campaign-settings-change">',
    );
    expect(refused.text).toContain('「キャンペーン名」を入力してください。');
    expect(refused.text).toContain('「依頼文」は2000文字以内で入力してください。');
    expect(refused.text).toContain(
      '「期限後のリマインダーの間隔」は 1〜30 の整数で入力してください。',
    );
    expect(refused.text).toContain('name="senderName" value="残る入力"');
    expect((await call('get', `/campaigns/${id}`).expect(200)).body).toMatchObject({
      name: '画面で改名',
      senderName: null,
    });
    await postForm(
      `/console/campaigns/${id}`,
      { name: '他人', catalogVersion: 'meti-v3.0+sa-3.1' },
      auditor,
    ).expect(403);

    // Once launched: no form, no preview, and a stale form's change is refused in words.
    await call('post', `/campaigns/${id}/launch`).expect(200);
    const launched = await page(`/console/campaigns/${id}`);
    expect(launched.text).not.toContain(action);
    expect(launched.text).not.toContain('data-testid="campaign-preview"');
    const stale = await postForm(`/console/campaigns/${id}`, {
      name: '画面で改名',
      catalogVersion: 'meti-v3.0+sa-3.1',
      senderName: '遅すぎた送信者',
      message: '',
      beforeDays: '5,2',
      overdueEveryDays: '4',
      escalateAfterOverdue: '0',
    }).expect(409);
    expect(stale.text).toContain(
      '「送信者名」は下書きの間だけ変更できます。このキャンペーンはすでに開始しています。',
    );
    expect((await call('get', `/campaigns/${id}`).expect(200)).body.senderName).toBeNull();
  });
});
