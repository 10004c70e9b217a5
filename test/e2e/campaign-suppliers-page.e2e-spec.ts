import { AddressObject, ParsedMail } from 'mailparser';
import { tokyoToday } from '@kakehashi/mail';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import {
  appOrigin,
  createTestTenant,
  loginToken,
  startApi,
  TestApi,
  TestTenant,
} from '../support/test-app';
import {
  isolatedEnvironment,
  IsolatedEnvironment,
  startWorker,
  TestWorker,
} from '../support/test-worker';

jest.setTimeout(120_000);

/** The nth seeded supplier (1-based): the registry a procurement team brings to its first campaign. */
const nameOf = (n: number) => `ピッカー取引先 ${String(n).padStart(3, '0')} 株式会社`;
const emailOf = (n: number) => `p${n}@picker.example.jp`;
const corporateNumberOf = (n: number) => `9${String(n).padStart(12, '0')}`;
/** 製造 for n % 5 ∈ {0, 1} (120 of 300), 物流 for 2 (60), IT for 3 and 4 (120). */
const categoryOf = (n: number) => (n % 5 <= 1 ? '製造' : n % 5 === 2 ? '物流' : 'IT');
const criticalityOf = (n: number) => (n % 3) + 1;
/** Tagged 重要取引先: n % 10 === 3 (30 of 300, all IT). */
const taggedOf = (n: number) => n % 10 === 3;
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const recipient = (mail: ParsedMail) => (mail.to as AddressObject).value[0].address!.toLowerCase();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a campaign's supplier page: filters, adding, taking off, launching (real app, worker, SMTP)", () => {
  let isolated: IsolatedEnvironment;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  let tenant: TestTenant;
  let other: TestTenant;
  let origin: string;
  let token: string;
  const cookies: Record<string, string> = {};
  /** Supplier id by its number. */
  const ids = new Map<number, string>();
  let campaignId: string;

  beforeAll(async () => {
    isolated = await isolatedEnvironment('picker');
    sink = await startSmtpSink();
    api = await startApi({ ...isolated.env, LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    worker = await startWorker({
      ...isolated.env,
      SMTP_URL: sink.url,
      OUTBOX_POLL_INTERVAL_MS: '50',
      MAIL_RATE_PER_SECOND: '1000',
    });
    origin = appOrigin(api);
    tenant = await createTestTenant(api.dataSource, 'picker');
    other = await createTestTenant(api.dataSource, 'picker-other');
    token = await loginToken(api, tenant.users.procurement.email);
    cookies.procurement = `kk_session=${token}`;
    cookies.auditor = `kk_session=${await loginToken(api, tenant.users.auditor.email)}`;
    cookies.other = `kk_session=${await loginToken(api, other.users.procurement.email)}`;
    await api.dataSource.query('UPDATE users SET display_name = $2 WHERE id = $1', [
      tenant.users.procurement.id,
      '調達 花子',
    ]);
    // 300 suppliers seeded directly, as an import would leave them.
    const numbers = range(1, 300);
    const rows = await api.dataSource.query<{ id: string; n: number }[]>(
      `INSERT INTO suppliers (organization_id, name, corporate_number, category, criticality, tags, owner_id)
       SELECT $1, s.name, s.corporate_number, s.category, s.criticality,
              CASE WHEN s.tag = '' THEN '{}'::text[] ELSE ARRAY[s.tag] END, s.owner_id
         FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::uuid[])
           AS s(name, corporate_number, category, criticality, tag, owner_id)
       RETURNING id, (regexp_match(name, '\\d{3}'))[1]::int AS n`,
      [
        tenant.organizationId,
        numbers.map(nameOf),
        numbers.map(corporateNumberOf),
        numbers.map(categoryOf),
        numbers.map(criticalityOf),
        numbers.map((n) => (taggedOf(n) ? '重要取引先' : '')),
        numbers.map((n) => (n <= 40 ? tenant.users.procurement.id : null)),
      ],
    );
    for (const row of rows) ids.set(row.n, row.id);
    await api.dataSource.query(
      `INSERT INTO supplier_contacts (organization_id, supplier_id, name, email, language, is_primary)
       SELECT $1, s.id, '担当', 'p' || (regexp_match(s.name, '\\d{3}'))[1]::int || '@picker.example.jp', 'ja', true
         FROM suppliers s WHERE s.organization_id = $1`,
      [tenant.organizationId],
    );
    const created = await api
      .http()
      .post('/api/v1/campaigns')
      .set('authorization', `Bearer ${token}`)
      .send({
        name: '初めての点検 2026',
        catalogVersion: 'meti-v3.0+sa-3.1',
        supplierIds: [],
        dueDate: tokyoToday(),
      })
      .expect(201);
    campaignId = created.body.id as string;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await isolated?.drop();
  });

  const page = (query = '', cookie = cookies.procurement, id = campaignId) =>
    api.http().get(`/console/campaigns/${id}/suppliers${query}`).set('cookie', cookie);
  const post = (
    fields: [string, string][],
    options: { cookie?: string; origin?: string; id?: string; lang?: string } = {},
  ) =>
    api
      .http()
      .post(
        `/console/campaigns/${options.id ?? campaignId}/suppliers${options.lang ? `?lang=${options.lang}` : ''}`,
      )
      .set('cookie', options.cookie ?? cookies.procurement)
      .set('origin', options.origin ?? origin)
      .type('form')
      .send(new URLSearchParams(fields).toString());
  /** The rows of the registry table: supplier id and whether it is already in the campaign. */
  const rowsOf = (html: string) =>
    [
      ...html.matchAll(
        /data-testid="picker-row" data-supplier-id="([0-9a-f-]{36})"( data-state="in")?/g,
      ),
    ].map((m) => ({ id: m[1], in: m[2] !== undefined }));
  const matchingLine = (html: string) =>
    /data-testid="picker-matching"><strong>([^<]*)<\/strong>([^<]*)</.exec(html)?.slice(1).join('');
  const noticeOf = (html: string) => /data-testid="campaign-notice">([^<]*)</.exec(html)?.[1];
  const errorOf = (html: string) => /data-testid="campaign-error">([^<]*)</.exec(html)?.[1];
  const chosenIds = async (id = campaignId) =>
    (
      await api.dataSource.query<{ id: string }[]>(
        'SELECT unnest(draft_supplier_ids) AS id FROM campaigns WHERE id = $1',
        [id],
      )
    ).map((row) => row.id);
  const idsOf = (numbers: number[]) => numbers.map((n) => ids.get(n)!);
  const sorted = (values: string[]) => [...values].sort();

  it('lists the registry under its own filters, 50 a page', async () => {
    const all = await page().expect(200);
    expect(matchingLine(all.text)).toBe('該当 300 社');
    expect(rowsOf(all.text)).toHaveLength(50);
    expect(all.text).toContain('<span>1 / 6</span>');
    // Paging submits the add form (so the ticks go along), without adding anything.
    expect(all.text).toContain(
      '<button type="submit" name="goto" value="2" formnovalidate class="campaign-secondary">次へ</button>',
    );
    expect(all.text).toContain('絞り込み結果をすべて追加（300 社）');
    // The choices of each filter are the tenant's own values.
    expect(all.text).toContain('<option value="製造">製造</option>');
    expect(all.text).toContain('<option value="重要取引先">重要取引先</option>');
    expect(all.text).toContain(`<option value="${tenant.users.procurement.id}">調達 花子</option>`);
    // Each supplier is ticked by its name (a label), as the registry lists it.
    const first = ids.get(1)!;
    expect(all.text).toContain(
      `<input type="checkbox" id="pick-${first}" name="supplierIds" value="${first}">`,
    );
    expect(all.text).toContain(`<label for="pick-${first}">${nameOf(1)}</label>`);

    const manufacturing = await page('?category=製造&page=3').expect(200);
    expect(matchingLine(manufacturing.text)).toBe('該当 120 社');
    const rows = rowsOf(manufacturing.text);
    expect(rows).toHaveLength(20);
    const expected = new Set(idsOf(range(1, 300).filter((n) => categoryOf(n) === '製造')));
    expect(rows.every((r) => expected.has(r.id))).toBe(true);
    expect(manufacturing.text).toContain('<span>3 / 3</span>');
    // The add form repeats the filters, so "all matching" means these.
    expect(manufacturing.text).toContain('<input type="hidden" name="category" value="製造">');

    const counted = async (query: string) => matchingLine((await page(query).expect(200)).text);
    expect(await counted('?category=製造&criticality=3')).toBe('該当 40 社');
    expect(await counted('?tag=重要取引先')).toBe('該当 30 社');
    expect(await counted(`?ownerId=${tenant.users.procurement.id}`)).toBe('該当 40 社');
    expect(await counted('?q=取引先 007')).toBe('該当 1 社');
    // A 法人番号 as printed, with hyphens, finds its supplier.
    const byNumber = await page(`?q=${encodeURIComponent('9-0000-0000-0008')}`).expect(200);
    expect(rowsOf(byNumber.text).map((r) => r.id)).toEqual([ids.get(8)]);
    // Odd values in the address are ignored, not an error.
    expect(await counted('?criticality=9&ownerId=nobody&page=-1')).toBe('該当 300 社');
    const english = await page('?category=製造&lang=en').expect(200);
    expect(english.text).toContain('120 matching');
    expect(english.text).toContain('Add all matching suppliers (120)');
  });

  it('is procurement’s page of its own campaigns only', async () => {
    await page('', cookies.auditor).expect(403);
    const theirs = await page('', cookies.other).expect(404);
    expect(theirs.text).not.toContain('初めての点検');
    await post([['mode', 'matching']], { cookie: cookies.other }).expect(404);
    expect(await chosenIds()).toEqual([]);
  });

  it('adds every supplier the filters match, counted when posted, and says how many', async () => {
    const added = await post([
      ['category', '製造'],
      ['page', '3'],
      ['status', 'draft'],
      ['mode', 'matching'],
    ]).expect(303);
    expect(added.headers.location).toBe(
      `/console/campaigns/${campaignId}/suppliers?category=%E8%A3%BD%E9%80%A0&page=3&done=added&added=120&skipped=0&invited=0`,
    );
    const manufacturing = idsOf(range(1, 300).filter((n) => categoryOf(n) === '製造'));
    expect(sorted(await chosenIds())).toEqual(sorted(manufacturing));

    const shown = await page(added.headers.location.replace(/^[^?]*/, '')).expect(200);
    expect(noticeOf(shown.text)).toBe('120 社を追加しました。');
    expect(shown.text).toContain('選択済み: 120 社');
    expect(shown.text).toContain('選択済みサプライヤー（120 社）');
    expect(matchingLine(shown.text)).toBe('該当 120 社（うち 120 社は追加済み）');
    expect(shown.text).not.toContain('絞り込み結果をすべて追加');
    // Already chosen: marked, and no box to tick.
    expect(rowsOf(shown.text).every((r) => r.in)).toBe(true);
    expect(shown.text).not.toContain('name="supplierIds"');
    expect(shown.text).toContain('<span class="picker-state">選択済み</span>');

    // The page offered 30; one more is registered before the post: the post adds 31.
    const tagged = await page('?tag=重要取引先').expect(200);
    expect(tagged.text).toContain('絞り込み結果をすべて追加（30 社）');
    const [late] = await api.dataSource.query<{ id: string }[]>(
      `INSERT INTO suppliers (organization_id, name, tags) VALUES ($1, '後から登録 株式会社', '{重要取引先}')
       RETURNING id`,
      [tenant.organizationId],
    );
    await api.dataSource.query(
      `INSERT INTO supplier_contacts (organization_id, supplier_id, name, email, language, is_primary)
       VALUES ($1, $2, '担当', 'late@picker.example.jp', 'ja', true)`,
      [tenant.organizationId, late.id],
    );
    ids.set(301, late.id);
    const more = await post([
      ['tag', '重要取引先'],
      ['status', 'draft'],
      ['mode', 'matching'],
    ]).expect(303);
    const notice = noticeOf((await page(more.headers.location.replace(/^[^?]*/, ''))).text);
    expect(notice).toBe('31 社を追加しました。');
    expect(await chosenIds()).toHaveLength(151);
  });

  it('adds only the ticked suppliers, and refuses what it cannot add, in words', async () => {
    const picked = await post([
      ['status', 'draft'],
      ['supplierIds', ids.get(1)!],
      ['supplierIds', ids.get(2)!],
      ['mode', 'selected'],
    ]).expect(303);
    const told = await page(picked.headers.location.replace(/^[^?]*/, '')).expect(200);
    expect(noticeOf(told.text)).toBe('1 社を追加しました。 1 社はすでに追加済みのため除きました。');
    expect(await chosenIds()).toHaveLength(152);
    expect(await chosenIds()).toContain(ids.get(2));
    // A stale page: the ticked one was added meanwhile.
    const stale = await post([
      ['supplierIds', ids.get(2)!],
      ['mode', 'selected'],
    ]).expect(303);
    expect(noticeOf((await page(stale.headers.location.replace(/^[^?]*/, ''))).text)).toBe(
      '追加したサプライヤーはありません（すでに追加済みのものは除きました）。',
    );

    const none = await post([
      ['category', '物流'],
      ['status', 'draft'],
      ['mode', 'selected'],
    ]).expect(400);
    expect(errorOf(none.text)).toBe(
      '追加するサプライヤーにチェックを入れてから「選択したサプライヤーを追加」を押してください。',
    );
    // The filters stay as they were.
    expect(matchingLine(none.text)).toMatch(/^該当 60 社/);
    const noneEn = await post([['mode', 'selected']], { lang: 'en' }).expect(400);
    expect(errorOf(noneEn.text)).toBe(
      'Tick the suppliers to add, then press “Add the selected suppliers”.',
    );

    const [theirs] = await api.dataSource.query<{ id: string }[]>(
      `INSERT INTO suppliers (organization_id, name) VALUES ($1, '他社の取引先') RETURNING id`,
      [other.organizationId],
    );
    const foreign = await post([
      ['supplierIds', ids.get(7)!],
      ['supplierIds', theirs.id],
      ['mode', 'selected'],
    ]).expect(400);
    expect(errorOf(foreign.text)).toBe(
      '選択したサプライヤーのうち 1 社が見つかりません。ページを読み込み直して選び直してください。',
    );
    // What was ticked stays ticked.
    expect(foreign.text).toMatch(new RegExp(`id="pick-${ids.get(7)}"[^>]*checked`));
    const malformed = await post([
      ['supplierIds', 'not-a-uuid'],
      ['mode', 'selected'],
    ]).expect(400);
    expect(errorOf(malformed.text)).toContain('1 社が見つかりません');

    const crossSite = await post([['supplierIds', ids.get(7)!]], {
      origin: 'https://evil.example',
    }).expect(403);
    expect(errorOf(crossSite.text)).toBe(
      '別のサイトから送信されたフォームは受け付けられません。このページから送信してください。',
    );
    await post([['supplierIds', ids.get(7)!]], { cookie: cookies.auditor }).expect(403);
    expect(await chosenIds()).toHaveLength(152);
    expect(await chosenIds()).not.toContain(ids.get(7));
  });

  it('keeps the ticks of every page when paging, and adds them all at once', async () => {
    const created = await api
      .http()
      .post('/api/v1/campaigns')
      .set('authorization', `Bearer ${token}`)
      .send({
        name: 'ページをまたいで選ぶ',
        catalogVersion: 'meti-v3.0+sa-3.1',
        supplierIds: [],
        dueDate: tokyoToday(),
      })
      .expect(201);
    const id = created.body.id as string;
    const onPage = async (n: number) =>
      rowsOf((await page(`?page=${n}`, cookies.procurement, id).expect(200)).text).map((r) => r.id);
    const [one, two, three] = await onPage(1);
    const pageTwo = await onPage(2);
    const later = pageTwo[9];
    // Three ticked on page 1, then 次へ: page 2 is shown, the three carried, nothing added.
    const second = await post(
      [
        ['status', 'draft'],
        ['page', '1'],
        ...[one, two, three].map((v): [string, string] => ['supplierIds', v]),
        ['goto', '2'],
      ],
      { id },
    ).expect(200);
    expect(second.text).toMatch(/<span>2 \/ \d+<\/span>/);
    expect(rowsOf(second.text).map((r) => r.id)).toEqual(pageTwo);
    for (const carried of [one, two, three]) {
      expect(second.text).toContain(`<input type="hidden" name="supplierIds" value="${carried}">`);
    }
    expect(second.text).toContain(
      'ほかのページで選んだ 3 社も、「選択したサプライヤーを追加」で一緒に追加します。',
    );
    expect(await chosenIds(id)).toEqual([]);
    // Back to page 1: the three are ticked boxes again (not hidden), the one of page 2 carried.
    const first = await post(
      [
        ['status', 'draft'],
        ...[one, two, three, later].map((v): [string, string] => ['supplierIds', v]),
        ['goto', '1'],
      ],
      { id },
    ).expect(200);
    for (const ticked of [one, two, three]) {
      expect(first.text).toContain(
        `<input type="checkbox" id="pick-${ticked}" name="supplierIds" value="${ticked}" checked>`,
      );
      expect(first.text).not.toContain(`type="hidden" name="supplierIds" value="${ticked}"`);
    }
    expect(first.text).toContain(`<input type="hidden" name="supplierIds" value="${later}">`);
    expect(first.text).toContain('ほかのページで選んだ 1 社も');
    const english = await post(
      [
        ['supplierIds', later],
        ['goto', '1'],
      ],
      { id, lang: 'en' },
    ).expect(200);
    expect(english.text).toContain(
      '1 selected on other pages will be added too with “Add the selected suppliers”.',
    );
    expect(await chosenIds(id)).toEqual([]);
    // The add button then adds every tick, of both pages.
    const added = await post(
      [
        ['status', 'draft'],
        ...[one, two, three, later].map((v): [string, string] => ['supplierIds', v]),
        ['mode', 'selected'],
      ],
      { id },
    ).expect(303);
    const told = await page(added.headers.location.replace(/^[^?]*/, ''), cookies.procurement, id);
    expect(noticeOf(told.text)).toBe('4 社を追加しました。');
    expect(sorted(await chosenIds(id))).toEqual(sorted([one, two, three, later]));
  });

  it('takes a supplier off a draft, on its page and through the API', async () => {
    const listed = await page('?chosenPage=2').expect(200);
    expect(listed.text).toContain('選択済みサプライヤー（152 社）');
    expect(listed.text.match(/data-testid="chosen-row"/g)).toHaveLength(20);
    expect(listed.text).toContain('<span>2 / 8</span>');
    const second = ids.get(2)!;
    expect((await page().expect(200)).text).toContain(
      `<button type="submit" class="campaign-secondary" name="remove" value="${second}" aria-label="${nameOf(2)} を外す">外す</button>`,
    );

    const removed = await post([
      ['chosenPage', '2'],
      ['remove', second],
    ]).expect(303);
    expect(removed.headers.location).toBe(
      `/console/campaigns/${campaignId}/suppliers?chosenPage=2&done=removed&supplier=${second}`,
    );
    const told = await page(removed.headers.location.replace(/^[^?]*/, '')).expect(200);
    expect(noticeOf(told.text)).toBe(`「${nameOf(2)}」を対象から外しました。`);
    expect(told.text).toContain('選択済みサプライヤー（151 社）');
    expect(await chosenIds()).not.toContain(second);
    // A second click finds nothing to take off and says nothing.
    const again = await post([['remove', second]]).expect(303);
    expect(again.headers.location).toBe(`/console/campaigns/${campaignId}/suppliers`);

    const api_ = (method: 'delete', path: string, who = token) =>
      api.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${who}`);
    const first = ids.get(1)!;
    await api_('delete', `/campaigns/${campaignId}/suppliers/${first}`).expect(204);
    const gone = await api_('delete', `/campaigns/${campaignId}/suppliers/${first}`).expect(404);
    expect(gone.body.message).toBe('Supplier not found in this campaign');
    const bad = await api_('delete', `/campaigns/${campaignId}/suppliers/x1`).expect(404);
    expect(bad.body.message).toBe('Supplier not found');
    const ciso = await loginToken(api, tenant.users.ciso.email);
    await api_('delete', `/campaigns/${campaignId}/suppliers/${ids.get(6)}`, ciso).expect(403);
    const otherToken = await loginToken(api, other.users.procurement.email);
    await api_('delete', `/campaigns/${campaignId}/suppliers/${ids.get(6)}`, otherToken).expect(
      404,
    );
    expect(await chosenIds()).toHaveLength(150);
    const audit = await api.dataSource.query<{ details: { supplierId: string } }[]>(
      `SELECT details FROM audit_events WHERE action = 'campaign.supplier_removed' AND target_id = $1
        ORDER BY id`,
      [campaignId],
    );
    expect(audit.map((a) => a.details.supplierId)).toEqual([second, first]);
  });

  it('launches only with the tick stating the count, and invites exactly the chosen suppliers', async () => {
    const detail = await api
      .http()
      .get(`/console/campaigns/${campaignId}`)
      .set('cookie', cookies.procurement)
      .expect(200);
    expect(detail.text).toContain('150 社に招待メールを送信します。送信後は取り消せません。');
    // The tick also confirms the exact set of suppliers the page was shown for.
    const supplierSet = /<input type="hidden" name="supplierSet" value="([0-9a-f]{64})">/.exec(
      detail.text,
    )?.[1];
    expect(supplierSet).toBeDefined();
    const launch = (body: string) =>
      api
        .http()
        .post(`/console/campaigns/${campaignId}/launch`)
        .set('cookie', cookies.procurement)
        .set('origin', origin)
        .type('form')
        .send(body);
    const refused = await launch('suppliers=150').expect(400);
    expect(refused.text).toContain(
      '開始するには、確認のチェックを入れてから「開始」を押してください。',
    );
    expect(
      await api.dataSource.query('SELECT 1 FROM assessments WHERE campaign_id = $1', [campaignId]),
    ).toHaveLength(0);

    const chosen = await chosenIds();
    await launch(`confirm=yes&suppliers=150&supplierSet=${supplierSet}`).expect(303);
    const invited = await api.dataSource.query<{ supplier_id: string }[]>(
      'SELECT supplier_id FROM assessments WHERE campaign_id = $1',
      [campaignId],
    );
    expect(sorted(invited.map((a) => a.supplier_id))).toEqual(sorted(chosen));
    await sink.waitFor(150, 60_000);
    expect(sink.accepted).toBe(150);
  });

  it('adds to a launched campaign only with the tick, and mails only the new suppliers', async () => {
    const shown = await page().expect(200);
    expect(shown.text).toContain('招待済み: 150 社');
    expect(shown.text).toContain(
      'このキャンペーンは実施中です。追加したサプライヤーには、すぐに招待メールが送信されます。',
    );
    expect(shown.text).toMatch(
      /name="confirm" value="yes" required aria-describedby="invite-help" data-testid="picker-confirm"/,
    );
    expect(shown.text).toContain('<span class="picker-state">招待済み</span>');
    expect(shown.text).not.toContain('name="remove"');

    // Supplier 10 was invited at launch; 4 was never chosen.
    const ticked: [string, string][] = [
      ['supplierIds', ids.get(10)!],
      ['supplierIds', ids.get(4)!],
      ['mode', 'selected'],
    ];
    const unticked = await post([['status', 'launched'], ...ticked]).expect(400);
    expect(errorOf(unticked.text)).toBe(
      '実施中のキャンペーンに追加すると、すぐに招待メールが送信されます。確認のチェックを入れてから追加してください。',
    );
    // A draft's page posted after someone launched the campaign: told, not mailed.
    const stale = await post([['status', 'draft'], ...ticked]).expect(409);
    expect(errorOf(stale.text)).toContain('このキャンペーンは開始されました。');
    const stalePlusTick = await post([['status', 'draft'], ['confirm', 'yes'], ...ticked]).expect(
      409,
    );
    expect(errorOf(stalePlusTick.text)).toContain('このキャンペーンは開始されました。');
    const count = async () =>
      (
        await api.dataSource.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM assessments WHERE campaign_id = $1',
          [campaignId],
        )
      )[0].n;
    expect(await count()).toBe(150);

    const added = await post([['status', 'launched'], ['confirm', 'yes'], ...ticked]).expect(303);
    const told = await page(added.headers.location.replace(/^[^?]*/, '')).expect(200);
    expect(noticeOf(told.text)).toBe(
      '1 社を追加しました。招待メールを順次送信します。 1 社はすでに追加済みのため除きました。',
    );
    // Every matching one not invited yet: 物流 with criticality 1 is 20 suppliers, none invited.
    const logistics = range(1, 300).filter(
      (n) => categoryOf(n) === '物流' && criticalityOf(n) === 1,
    );
    expect(logistics).toHaveLength(20);
    const all = await post([
      ['category', '物流'],
      ['criticality', '1'],
      ['status', 'launched'],
      ['confirm', 'yes'],
      ['mode', 'matching'],
    ]).expect(303);
    expect(all.headers.location).toContain('added=20&skipped=0&invited=1');
    expect(await count()).toBe(171);

    await sink.waitFor(171, 60_000);
    await sleep(1000);
    expect(sink.accepted).toBe(171);
    const later = sink.messages.slice(150).map(recipient).sort();
    expect(later).toEqual([emailOf(4), ...logistics.map(emailOf)].sort());
    // Nobody got a second invitation: one mail row per assessment, one message per address.
    const [rows] = await api.dataSource.query<{ rows: number; addresses: number }[]>(
      `SELECT count(*)::int AS rows, count(DISTINCT to_email)::int AS addresses
         FROM mail_messages WHERE campaign_id = $1 AND kind = 'invitation'`,
      [campaignId],
    );
    expect(rows).toEqual({ rows: 171, addresses: 171 });
    expect(sink.messages.filter((m) => recipient(m) === emailOf(10))).toHaveLength(1);
  });

  it('takes no more suppliers once closed, and says so', async () => {
    await api
      .http()
      .post(`/api/v1/campaigns/${campaignId}/close`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    const closed = await page().expect(200);
    expect(closed.text).toContain('終了したキャンペーンにはサプライヤーを追加できません。');
    expect(closed.text).not.toContain('name="mode"');
    const refused = await post([
      ['confirm', 'yes'],
      ['supplierIds', ids.get(7)!],
      ['mode', 'selected'],
    ]).expect(409);
    expect(errorOf(refused.text)).toBe('このキャンペーンはすでに終了しています。');
    const removal = await api
      .http()
      .delete(`/api/v1/campaigns/${campaignId}/suppliers/${ids.get(7)}`)
      .set('authorization', `Bearer ${token}`)
      .expect(409);
    expect(removal.body.message).toBe(
      'suppliers can be removed from a draft only; this campaign is closed',
    );
  });
});
