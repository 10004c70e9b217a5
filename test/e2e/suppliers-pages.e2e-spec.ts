import { corporateNumber } from '../fixtures/import/supplier-files';
import {
  createTestTenant,
  loginToken,
  startApi,
  TestApi,
  TestTenant,
  appOrigin,
} from '../support/test-app';

describe('supplier console pages (real app and database)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  let procurement: string;
  let auditor: string;
  let otherSupplierId: string;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    tenant = await createTestTenant(api.dataSource, 'supplier-pages');
    other = await createTestTenant(api.dataSource, 'supplier-pages-other');
    procurement = `kk_session=${await loginToken(api, tenant.users.procurement.email)}`;
    auditor = `kk_session=${await loginToken(api, tenant.users.auditor.email)}`;
    const otherToken = await loginToken(api, other.users.procurement.email);
    const theirs = await api
      .http()
      .post('/api/v1/suppliers')
      .set('authorization', `Bearer ${otherToken}`)
      .send({ name: '他社専用株式会社', contacts: [{ name: 'A', email: 'a@other.example.jp' }] })
      .expect(201);
    otherSupplierId = theirs.body.id;
  });
  afterAll(() => api.close());

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  it('sends a signed-out visitor to the login page', async () => {
    const response = await api.http().get('/console/suppliers').expect(303);
    expect(response.headers.location).toBe('/login?next=%2Fconsole%2Fsuppliers');
  });

  it('registers a supplier from the form and lists it; a wrong 法人番号 is shown on the form', async () => {
    const bad = await api
      .http()
      .post('/console/suppliers/new')
      .set('cookie', procurement)
      .set('origin', appOrigin(api))
      .type('form')
      .send(
        form({
          name: '画面登録株式会社',
          corporateNumber: '8000012050002',
          criticality: '3',
          contactName: '画面 太郎',
          contactEmail: 'gamen@example.jp',
        }),
      )
      .expect(400);
    expect(bad.text).toMatch(/法人番号/);
    expect(bad.text).toContain('value="画面登録株式会社"');

    const created = await api
      .http()
      .post('/console/suppliers/new')
      .set('cookie', procurement)
      .set('origin', appOrigin(api))
      .type('form')
      .send(
        form({
          name: '画面登録株式会社',
          corporateNumber: corporateNumber(818181),
          sizeClass: 'sme',
          criticality: '3',
          category: 'クラウド',
          tags: '重要, tier1',
          ownerId: tenant.users.procurement.id,
          handlesConfidentialData: 'yes',
          outageImpact: 'no',
          networkAccess: '',
          contactName: '画面 太郎',
          contactEmail: 'gamen@example.jp',
          contactLanguage: 'en',
        }),
      )
      .expect(303);
    expect(created.headers.location).toMatch(
      /^\/console\/suppliers\/[0-9a-f-]{36}\/edit\?saved=1$/,
    );

    const [stored] = await api.dataSource.query(
      `SELECT s.criticality, s.tags, s.handles_confidential_data, s.network_access, c.language
       FROM suppliers s JOIN supplier_contacts c ON c.supplier_id = s.id AND c.is_primary
       WHERE s.organization_id = $1 AND s.name = '画面登録株式会社'`,
      [tenant.organizationId],
    );
    expect(stored).toEqual({
      criticality: 3,
      tags: ['重要', 'tier1'],
      handles_confidential_data: true,
      network_access: null,
      language: 'en',
    });

    const list = await api
      .http()
      .get(`/console/suppliers?q=${encodeURIComponent('画面登録')}`)
      .set('cookie', procurement)
      .expect(200);
    expect(list.text).toContain('画面登録株式会社');
    expect(list.text).toContain('gamen@example.jp');
    expect(list.text).toContain('href="/console/suppliers/new"');
    const none = await api
      .http()
      .get(`/console/suppliers?q=${encodeURIComponent('存在しない')}`)
      .set('cookie', procurement)
      .expect(200);
    expect(none.text).not.toContain('画面登録株式会社');
  });

  describe('refusals told in the page’s language, naming each field once', () => {
    const post = (fields: Record<string, string>, lang?: 'ja' | 'en') =>
      api
        .http()
        .post(`/console/suppliers/new${lang ? `?lang=${lang}` : ''}`)
        .set('cookie', procurement)
        .set('origin', appOrigin(api))
        .type('form')
        .send(form(fields));
    /** The messages of the error box, one per list item. */
    const messages = (html: string) => {
      const box = /data-testid="supplier-error">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
      return [...box.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1].trim());
    };

    it('an empty form: every missing field once, in Japanese', async () => {
      const empty = await post({ name: '   ', contactName: '', contactEmail: '' }).expect(400);
      expect(messages(empty.text)).toEqual([
        '「会社名」を入力してください。',
        '「担当者名」を入力してください。',
        '「担当者メールアドレス」を入力してください。',
      ]);
      expect(empty.text).not.toMatch(/should not be empty|must be an email/);
      expect(empty.text).toMatch(
        /name="name" value="" required maxlength="200" aria-invalid="true"/,
      );
    });

    it('a malformed address and a long name, in Japanese and in English', async () => {
      const fields = {
        name: 'あ'.repeat(201),
        contactName: '形式 太郎',
        contactEmail: 'keishiki@',
      };
      const ja = await post(fields).expect(400);
      expect(messages(ja.text)).toEqual([
        '「会社名」は200文字以内で入力してください。',
        '「担当者メールアドレス」の形式が正しくありません。',
      ]);
      const en = await post(fields, 'en').expect(400);
      expect(messages(en.text)).toEqual([
        'The company name must be at most 200 characters.',
        'The contact email is not a valid email address.',
      ]);
    });

    it('a wrong 法人番号, and one already registered naming its supplier', async () => {
      const wrong = await post({
        name: '番号違い株式会社',
        corporateNumber: '8000012050002',
        contactName: 'A',
        contactEmail: 'a@number.example.jp',
      }).expect(400);
      expect(messages(wrong.text)).toEqual([
        '「法人番号」が正しくありません。13桁の数字（先頭の1桁はチェックデジット）を確認してください。',
      ]);
      const number = corporateNumber(606060);
      await post({
        name: 'テスト',
        corporateNumber: number,
        contactName: 'A',
        contactEmail: 'a@first.example.jp',
      }).expect(303);
      const taken = await post({
        name: '二番目株式会社',
        corporateNumber: number,
        contactName: 'B',
        contactEmail: 'b@second.example.jp',
      }).expect(409);
      expect(messages(taken.text)).toEqual([
        `法人番号 ${number} は「テスト」としてすでに登録されています。`,
      ]);
      expect(taken.text).not.toContain('already registered');
      expect(taken.text).toContain('value="二番目株式会社"');
      const takenEn = await post(
        {
          name: '二番目株式会社',
          corporateNumber: number,
          contactName: 'B',
          contactEmail: 'b@second.example.jp',
        },
        'en',
      ).expect(409);
      expect(messages(takenEn.text)).toEqual([
        `Corporate number ${number} is already registered for “テスト”.`,
      ]);
    });
  });

  it('names who may own a supplier when the owner is refused (ja/en)', async () => {
    const post = (lang: 'ja' | 'en') =>
      api
        .http()
        .post(`/console/suppliers/new?lang=${lang}`)
        .set('cookie', procurement)
        .set('origin', appOrigin(api))
        .type('form')
        .send(
          form({
            name: '担当不可株式会社',
            ownerId: tenant.users.ciso.id,
            contactName: 'A',
            contactEmail: 'a@owner-refused.example.jp',
          }),
        );
    const box = (html: string) =>
      [
        ...(/data-testid="supplier-error">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '').matchAll(
          /<li>([\s\S]*?)<\/li>/g,
        ),
      ].map((m) => m[1].trim());
    const ja = await post('ja').expect(400);
    expect(box(ja.text)).toEqual([
      '「担当 (調達)」には、この組織の有効な調達担当者または管理者を選んでください。',
    ]);
    const en = await post('en').expect(400);
    expect(box(en.text)).toEqual([
      'Choose an active procurement user or admin of this organization as the owner.',
    ]);
  });

  it('accepts a 法人番号 typed with the minus sign an IME produces', async () => {
    const number = corporateNumber(707070);
    const typed = `${number.slice(0, 4)}−${number.slice(4, 6)}−${number.slice(6)}`;
    await api
      .http()
      .post('/console/suppliers/new')
      .set('cookie', procurement)
      .set('origin', appOrigin(api))
      .type('form')
      .send(
        form({
          name: 'マイナス記号株式会社',
          corporateNumber: typed,
          contactName: 'A',
          contactEmail: 'a@minus.example.jp',
        }),
      )
      .expect(303);
    const [stored] = await api.dataSource.query(
      `SELECT corporate_number FROM suppliers WHERE organization_id = $1 AND name = 'マイナス記号株式会社'`,
      [tenant.organizationId],
    );
    expect(stored.corporate_number).toBe(number);
  });

  it('proposes the signed-in procurement user as owner of a new supplier', async () => {
    const page = await api
      .http()
      .get('/console/suppliers/new')
      .set('cookie', procurement)
      .expect(200);
    expect(page.text).toContain(`<option value="${tenant.users.procurement.id}" selected>`);

    const owner = async (name: string) => {
      const [row] = await api.dataSource.query(
        `SELECT owner_id FROM suppliers WHERE organization_id = $1 AND name = $2`,
        [tenant.organizationId, name],
      );
      return row.owner_id as string | null;
    };
    const submit = (fields: Record<string, string>) =>
      api
        .http()
        .post('/console/suppliers/new')
        .set('cookie', procurement)
        .set('origin', appOrigin(api))
        .type('form')
        .send(form({ contactName: 'A', ...fields }))
        .expect(303);
    // As the browser sends the proposed choice, and as a client that leaves the field out.
    await submit({
      name: '担当既定株式会社',
      ownerId: tenant.users.procurement.id,
      contactEmail: 'a@owner1.example.jp',
    });
    await submit({ name: '担当省略株式会社', contactEmail: 'a@owner2.example.jp' });
    await submit({ name: '担当なし株式会社', ownerId: '', contactEmail: 'a@owner3.example.jp' });
    expect(await owner('担当既定株式会社')).toBe(tenant.users.procurement.id);
    expect(await owner('担当省略株式会社')).toBe(tenant.users.procurement.id);
    expect(await owner('担当なし株式会社')).toBeNull();

    const dashboard = await api
      .http()
      .get('/api/v1/dashboard/suppliers?pageSize=200')
      .set('authorization', `Bearer ${await loginToken(api, tenant.users.procurement.email)}`)
      .expect(200);
    expect(dashboard.body.items.map((s: { name: string }) => s.name)).toEqual(
      expect.arrayContaining(['担当既定株式会社', '担当省略株式会社']),
    );
  });

  it('edits a supplier and keeps its other contacts', async () => {
    const token = await loginToken(api, tenant.users.procurement.email);
    const created = await api
      .http()
      .post('/api/v1/suppliers')
      .set('authorization', `Bearer ${token}`)
      .send({
        name: '編集画面株式会社',
        criticality: 1,
        contacts: [
          { name: '主', email: 'main@edit.example.jp', isPrimary: true },
          { name: '副', email: 'sub@edit.example.jp', isPrimary: false },
        ],
      })
      .expect(201);
    const page = await api
      .http()
      .get(`/console/suppliers/${created.body.id}/edit`)
      .set('cookie', procurement)
      .expect(200);
    expect(page.text).toContain('value="編集画面株式会社"');
    expect(page.text).toContain('sub@edit.example.jp');

    await api
      .http()
      .post(`/console/suppliers/${created.body.id}/edit`)
      .set('cookie', procurement)
      .set('origin', appOrigin(api))
      .type('form')
      .send(
        form({
          name: '編集画面株式会社 (改)',
          criticality: '2',
          contactName: '主 (改)',
          contactEmail: 'main@edit.example.jp',
          contactLanguage: 'ja',
        }),
      )
      .expect(303);
    const read = await api
      .http()
      .get(`/api/v1/suppliers/${created.body.id}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(read.body).toMatchObject({ name: '編集画面株式会社 (改)', criticality: 2 });
    expect(
      read.body.contacts.map((c: { email: string; isPrimary: boolean }) => [c.email, c.isPrimary]),
    ).toEqual([
      ['main@edit.example.jp', true],
      ['sub@edit.example.jp', false],
    ]);
  });

  it('refuses a stale edit form with 409 (ja/en): the colleague’s change stays, the form shows the current values and what was typed', async () => {
    const token = await loginToken(api, tenant.users.procurement.email);
    const created = await api
      .http()
      .post('/api/v1/suppliers')
      .set('authorization', `Bearer ${token}`)
      .send({
        name: '同時編集画面株式会社',
        criticality: 1,
        contacts: [{ name: '旧担当', email: 'old@stale-form.example.jp' }],
      })
      .expect(201);
    const id = created.body.id as string;
    const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1];
    const open = async (lang = 'ja') =>
      versionOf(
        (
          await api
            .http()
            .get(`/console/suppliers/${id}/edit?lang=${lang}`)
            .set('cookie', procurement)
            .expect(200)
        ).text,
      );
    const post = (fields: Record<string, string>, lang = 'ja') =>
      api
        .http()
        .post(`/console/suppliers/${id}/edit?lang=${lang}`)
        .set('cookie', procurement)
        .set('origin', appOrigin(api))
        .type('form')
        .send(form({ name: '同時編集画面株式会社', contactLanguage: 'ja', ...fields }));

    // A and B open the form; A changes the primary contact and saves.
    const versionA = await open();
    const versionB = await open();
    await post({
      version: versionA,
      criticality: '1',
      contactName: '新担当',
      contactEmail: 'new@stale-form.example.jp',
    }).expect(303);

    // B, from the form opened before, changes only 重要度.
    const stale = await post({
      version: versionB,
      criticality: '3',
      contactName: '旧担当',
      contactEmail: 'old@stale-form.example.jp',
    }).expect(409);
    expect(stale.text).toContain('あなたが編集を始めた後に同僚が変更しました');
    expect(stale.text).not.toContain('data-testid="supplier-saved"');
    // The current values in the form, B's entries listed beside them.
    expect(stale.text).toContain('value="new@stale-form.example.jp"');
    expect(stale.text).toMatch(/<option value="1" selected>1 \(低\)<\/option>/);
    const typed = stale.text.split('data-testid="supplier-typed"')[1].split('</section>')[0];
    expect(typed).toContain('<dt>重要度</dt><dd>3 (高)</dd>');
    expect(typed).toContain('old@stale-form.example.jp');

    const read = await api
      .http()
      .get(`/api/v1/suppliers/${id}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(read.body.criticality).toBe(1);
    expect(read.body.contacts.map((c: { email: string }) => c.email)).toEqual([
      'new@stale-form.example.jp',
    ]);

    // The re-shown form carries the current version: saving it again goes through.
    await post({
      version: versionOf(stale.text),
      criticality: '3',
      contactName: '新担当',
      contactEmail: 'new@stale-form.example.jp',
    }).expect(303);

    const english = await post(
      {
        version: versionA,
        criticality: '2',
        contactName: '新担当',
        contactEmail: 'new@stale-form.example.jp',
      },
      'en',
    ).expect(409);
    expect(english.text).toContain(
      'A colleague changed this supplier after you started editing it',
    );
    expect(english.text).toContain('Your entries (not saved)');
  });

  it('keeps every tag when the edit form is saved, however long the list', async () => {
    const token = await loginToken(api, tenant.users.procurement.email);
    const tags = Array.from({ length: 15 }, (_, i) => `タグ${i}-${'長'.repeat(35)}`);
    const created = await api
      .http()
      .post('/api/v1/suppliers')
      .set('authorization', `Bearer ${token}`)
      .send({
        name: 'タグ多数株式会社',
        tags,
        contacts: [{ name: '主', email: 'main@tags.example.jp', isPrimary: true }],
      })
      .expect(201);
    const page = await api
      .http()
      .get(`/console/suppliers/${created.body.id}/edit`)
      .set('cookie', procurement)
      .expect(200);
    const shown = /name="tags"[^>]*value="([^"]*)"/.exec(page.text)?.[1] ?? '';
    expect(shown.length).toBeGreaterThan(500);
    await api
      .http()
      .post(`/console/suppliers/${created.body.id}/edit`)
      .set('cookie', procurement)
      .set('origin', appOrigin(api))
      .type('form')
      .send(
        form({
          name: 'タグ多数株式会社',
          criticality: '3',
          tags: tags.join(', '),
          contactName: '主',
          contactEmail: 'main@tags.example.jp',
          contactLanguage: 'ja',
        }),
      )
      .expect(303);
    const read = await api
      .http()
      .get(`/api/v1/suppliers/${created.body.id}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(read.body).toMatchObject({ criticality: 3, tags });
  });

  it('refuses a form sent from another site, and another tenant’s supplier', async () => {
    // Another site; a sandboxed frame or data: page (Origin: null, no Referer); no origin at all.
    for (const origin of ['https://evil.example', 'null', undefined]) {
      const post = api.http().post('/console/suppliers/new').set('cookie', procurement);
      if (origin) post.set('origin', origin);
      await post
        .type('form')
        .send(form({ name: '偽装株式会社', contactName: 'X', contactEmail: 'x@example.jp' }))
        .expect(403);
    }
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM suppliers WHERE name = '偽装株式会社'`,
    );
    expect(count).toBe(0);
    await api
      .http()
      .get(`/console/suppliers/${otherSupplierId}/edit`)
      .set('cookie', procurement)
      .expect(404);
  });

  it('lets an auditor read the list but not open the forms', async () => {
    const list = await api.http().get('/console/suppliers').set('cookie', auditor).expect(200);
    expect(list.text).toContain('画面登録株式会社');
    expect(list.text).not.toContain('href="/console/suppliers/new"');
    expect(list.text).not.toContain('他社専用株式会社');
    await api.http().get('/console/suppliers/new').set('cookie', auditor).expect(403);
  });
});
