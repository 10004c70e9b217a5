import { Environment } from '@kakehashi/config';
import { Organization, OrganizationSettings } from '@kakehashi/database';
import { insideSendingWindow } from '../../apps/worker/src/reminders/sending-window';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

type Role = 'admin' | 'procurement' | 'ciso' | 'auditor';

interface SettingsBody {
  quietHours: { startHour: number; endHour: number; weekdaysOnly: boolean };
  targetProfile: number[] | null;
  defaults: {
    quietHours: { startHour: number; endHour: number; weekdaysOnly: boolean };
    targetProfile: number[];
  };
}

const DEFAULT_QUIET = { startHour: 9, endHour: 18, weekdaysOnly: true };
const DEFAULT_TARGET = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3];
const PROFILE = [3, 3.5, 2, 4, 4.5, 3, 5, 1, 2.5, 3];

describe('organization settings (real app and database)', () => {
  let api: TestApi;
  let appOrigin: string;
  /** `tenant` for the API, `other` for isolation, `pages` for the console page. */
  let tenant: TestTenant;
  let other: TestTenant;
  let pages: TestTenant;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    appOrigin = new URL(api.app.get(Environment).APP_URL).origin;
    tenant = await createTestTenant(api.dataSource, 'org-settings');
    other = await createTestTenant(api.dataSource, 'org-settings-other');
    pages = await createTestTenant(api.dataSource, 'org-settings-pages');
    for (const t of [tenant, other, pages]) {
      for (const role of ['admin', 'procurement', 'ciso', 'auditor'] as Role[]) {
        tokens.set(`${t.organizationId}:${role}`, await loginToken(api, t.users[role].email));
      }
    }
  });
  afterAll(() => api.close());

  const token = (t: TestTenant, role: Role) => tokens.get(`${t.organizationId}:${role}`)!;
  const cookie = (t: TestTenant, role: Role) => `kk_session=${token(t, role)}`;

  const getSettings = async (t: TestTenant, role: Role = 'auditor') =>
    (
      await api
        .http()
        .get('/api/v1/organization/settings')
        .set('authorization', `Bearer ${token(t, role)}`)
        .expect(200)
    ).body as SettingsBody;

  const put = (t: TestTenant, body: unknown, role: Role = 'admin') =>
    api
      .http()
      .put('/api/v1/organization/settings')
      .set('authorization', `Bearer ${token(t, role)}`)
      .send(body as object);

  const stored = async (t: TestTenant): Promise<OrganizationSettings> =>
    (await api.dataSource.getRepository(Organization).findOneByOrFail({ id: t.organizationId }))
      .settings;

  const settingsEvents = async (t: TestTenant) =>
    (
      await api
        .http()
        .get('/api/v1/audit-events?action=organization.settings_updated')
        .set('authorization', `Bearer ${token(t, 'auditor')}`)
        .expect(200)
    ).body.items as { actorId: string; targetId: string; details: Record<string, unknown> }[];

  describe('JSON API', () => {
    it('answers the defaults to every role of a tenant that set nothing', async () => {
      for (const role of ['admin', 'procurement', 'ciso', 'auditor'] as Role[]) {
        expect(await getSettings(tenant, role)).toEqual({
          quietHours: DEFAULT_QUIET,
          targetProfile: null,
          defaults: { quietHours: DEFAULT_QUIET, targetProfile: DEFAULT_TARGET },
        });
      }
    });

    it("stores quiet hours an admin sets, and the worker's sending window follows them", async () => {
      const evening = { startHour: 20, endHour: 23, weekdaysOnly: false };
      const response = await put(tenant, { quietHours: evening }).expect(200);
      expect(response.body.quietHours).toEqual(evening);
      expect((await getSettings(tenant, 'ciso')).quietHours).toEqual(evening);

      const settings = await stored(tenant);
      expect(settings.quietHours).toEqual(evening);
      // Saturday 2030-06-08 21:30 in Tokyo is inside; Tuesday 10:00 (the default window) is not.
      expect(insideSendingWindow(new Date('2030-06-08T12:30:00Z'), settings)).toBe(true);
      expect(insideSendingWindow(new Date('2030-06-04T01:00:00Z'), settings)).toBe(false);
      // 23:00 is the first hour outside.
      expect(insideSendingWindow(new Date('2030-06-04T14:00:00Z'), settings)).toBe(false);
      expect(insideSendingWindow(new Date('2030-06-04T13:59:00Z'), settings)).toBe(true);
    });

    it('changes only the keys sent, and null returns a key to its default', async () => {
      const hours = { startHour: 8, endHour: 17, weekdaysOnly: true };
      await put(tenant, { quietHours: hours }).expect(200);
      const withTarget = await put(tenant, { targetProfile: PROFILE }).expect(200);
      expect(withTarget.body.quietHours).toEqual(hours);
      expect(withTarget.body.targetProfile).toEqual(PROFILE);

      const later = { startHour: 10, endHour: 19, weekdaysOnly: false };
      await put(tenant, { quietHours: later }).expect(200);
      const kept = await getSettings(tenant);
      expect(kept.quietHours).toEqual(later);
      expect(kept.targetProfile).toEqual(PROFILE);

      // The dashboard's radar draws the stored target.
      const summary = await api
        .http()
        .get('/api/v1/dashboard/summary')
        .set('authorization', `Bearer ${token(tenant, 'ciso')}`)
        .expect(200);
      expect(summary.body.targetProfile).toEqual(PROFILE);

      const cleared = await put(tenant, { targetProfile: null }).expect(200);
      expect(cleared.body.targetProfile).toBeNull();
      expect(cleared.body.quietHours).toEqual(later);
      expect((await stored(tenant)).targetProfile).toBeUndefined();
      const after = await api
        .http()
        .get('/api/v1/dashboard/summary')
        .set('authorization', `Bearer ${token(tenant, 'ciso')}`)
        .expect(200);
      expect(after.body.targetProfile).toEqual(DEFAULT_TARGET);

      await put(tenant, { targetProfile: PROFILE }).expect(200);
      const reset = await put(tenant, { quietHours: null }).expect(200);
      expect(reset.body.quietHours).toEqual(DEFAULT_QUIET);
      expect(reset.body.targetProfile).toEqual(PROFILE);
      expect((await stored(tenant)).quietHours).toBeUndefined();
    });

    it.each([
      [
        'start after end',
        { quietHours: { startHour: 18, endHour: 9, weekdaysOnly: true } },
        'quietHours.endHour must be later than startHour',
      ],
      [
        'start equal to end',
        { quietHours: { startHour: 12, endHour: 12, weekdaysOnly: true } },
        'quietHours.endHour must be later than startHour',
      ],
      [
        'hour 24 as start',
        { quietHours: { startHour: 24, endHour: 24, weekdaysOnly: true } },
        'quietHours.startHour must be a whole hour from 0 to 23',
      ],
      [
        'a half hour',
        { quietHours: { startHour: 9.5, endHour: 18, weekdaysOnly: true } },
        'quietHours.startHour must be a whole hour from 0 to 23',
      ],
      [
        'no weekdaysOnly',
        { quietHours: { startHour: 9, endHour: 18 } },
        'quietHours.weekdaysOnly must be true or false',
      ],
      [
        '9 target values',
        { targetProfile: [3, 3, 3, 3, 3, 3, 3, 3, 3] },
        'targetProfile must have exactly 10 values',
      ],
      [
        'a target of 6',
        { targetProfile: [3, 3, 3, 3, 3, 6, 3, 3, 3, 3] },
        'targetProfile must hold numbers from 1 to 5 with at most one decimal',
      ],
      [
        'two decimals',
        { targetProfile: [3, 3, 3, 3, 3, 3.25, 3, 3, 3, 3] },
        'targetProfile must hold numbers from 1 to 5 with at most one decimal',
      ],
      ['an unknown setting', { color: 'red' }, 'property color should not exist'],
    ])(
      'refuses %s with a 400 naming the field and writes nothing',
      async (_case, body, message) => {
        const before = await stored(tenant);
        const eventsBefore = (await settingsEvents(tenant)).length;
        // A valid key beside the bad one is not written either.
        const valid =
          'targetProfile' in body ? { quietHours: DEFAULT_QUIET } : { targetProfile: PROFILE };
        const response = await put(tenant, { ...valid, ...body }).expect(400);
        expect(response.body).toEqual({
          statusCode: 400,
          error: 'Bad Request',
          message: expect.stringContaining(message),
        });
        expect(await stored(tenant)).toEqual(before);
        expect(await settingsEvents(tenant)).toHaveLength(eventsBefore);
      },
    );

    it('lets only an admin change the settings', async () => {
      const before = await stored(tenant);
      for (const role of ['procurement', 'ciso', 'auditor'] as Role[]) {
        const response = await put(tenant, { targetProfile: PROFILE }, role).expect(403);
        expect(response.body.statusCode).toBe(403);
      }
      await api
        .http()
        .put('/api/v1/organization/settings')
        .send({ targetProfile: PROFILE })
        .expect(401);
      expect(await stored(tenant)).toEqual(before);
    });

    it("keeps each tenant's settings to itself", async () => {
      const mine = { startHour: 7, endHour: 12, weekdaysOnly: true };
      await put(tenant, { quietHours: mine, targetProfile: PROFILE }).expect(200);

      const theirs = { startHour: 13, endHour: 22, weekdaysOnly: false };
      const changed = await put(other, { quietHours: theirs }).expect(200);
      expect(changed.body.quietHours).toEqual(theirs);
      expect(changed.body.targetProfile).toBeNull();

      const otherView = await getSettings(other, 'admin');
      expect(otherView.quietHours).toEqual(theirs);
      expect(otherView.targetProfile).toBeNull();
      const mineView = await getSettings(tenant);
      expect(mineView.quietHours).toEqual(mine);
      expect(mineView.targetProfile).toEqual(PROFILE);
      expect((await settingsEvents(other)).every((e) => e.targetId === other.organizationId)).toBe(
        true,
      );
    });

    it('audits a change with the stored values before and after', async () => {
      await put(tenant, { quietHours: DEFAULT_QUIET, targetProfile: null }).expect(200);
      const hours = { startHour: 6, endHour: 21, weekdaysOnly: false };
      await put(tenant, { quietHours: hours }).expect(200);
      const [latest] = await settingsEvents(tenant);
      expect(latest.actorId).toBe(tenant.users.admin.id);
      expect(latest.targetId).toBe(tenant.organizationId);
      expect(latest.details).toEqual({
        before: { quietHours: DEFAULT_QUIET, targetProfile: null },
        after: { quietHours: hours, targetProfile: null },
      });
      // Sending the same values again changes nothing and records nothing.
      const count = (await settingsEvents(tenant)).length;
      await put(tenant, { quietHours: hours }).expect(200);
      expect(await settingsEvents(tenant)).toHaveLength(count);
    });
  });

  describe('console page /console/settings', () => {
    const page = (t: TestTenant, role: Role, path = '/console/settings') =>
      api.http().get(path).set('cookie', cookie(t, role));

    /** A full form as the page sends it; the checkbox is left out when unticked. */
    const form = (input: {
      startHour: string;
      endHour: string;
      weekdaysOnly: boolean;
      targets: string[];
    }) => {
      const fields: Record<string, string> = {
        startHour: input.startHour,
        endHour: input.endHour,
      };
      if (input.weekdaysOnly) fields.weekdaysOnly = '1';
      input.targets.forEach((value, i) => (fields[`target${i + 1}`] = value));
      return fields;
    };

    const post = (t: TestTenant, role: Role, fields: Record<string, string>, origin = appOrigin) =>
      api
        .http()
        .post('/console/settings')
        .set('cookie', cookie(t, role))
        .set('origin', origin)
        .type('form')
        .send(fields);

    it('sends a signed-out visitor to the login page', async () => {
      const response = await api.http().get('/console/settings').expect(303);
      expect(response.headers.location).toBe('/login?next=%2Fconsole%2Fsettings');
    });

    it('shows an admin the form with the current values and a Settings link', async () => {
      await put(pages, {
        quietHours: { startHour: 8, endHour: 20, weekdaysOnly: false },
        targetProfile: PROFILE,
      }).expect(200);
      const html = (await page(pages, 'admin').expect(200)).text;
      expect(html).toContain('<a href="/console/settings" aria-current="page">設定</a>');
      expect(html).toContain('action="/console/settings"');
      expect(html).toMatch(/name="startHour"[^]*?<option value="8" selected>8:00<\/option>/);
      expect(html).toMatch(/name="endHour"[^]*?<option value="20" selected>20:00<\/option>/);
      expect(html).toContain('name="weekdaysOnly" value="1">');
      expect(html).toContain('指示7 インシデント発生時の緊急対応体制の整備');
      expect(html).toContain('name="target2" value="3.5"');
      expect(html).toContain('name="target8" value="1"');
      // The notifications link beside it stays.
      expect(html).toContain('data-testid="console-notifications"');

      const english = (await page(pages, 'admin', '/console/settings?lang=en').expect(200)).text;
      expect(english).toContain('>Settings</a>');
      expect(english).toContain('Directive 7: Prepare an incident response structure');
    });

    it('saves a post from the page and comes back with a saved message', async () => {
      const targets = ['4', '4', '3.5', '3', '3', '2', '５', '3', '3', '1.5'];
      const response = await post(
        pages,
        'admin',
        form({ startHour: '7', endHour: '19', weekdaysOnly: true, targets }),
      ).expect(303);
      expect(response.headers.location).toBe('/console/settings?saved=1');

      const settings = await getSettings(pages);
      expect(settings.quietHours).toEqual({ startHour: 7, endHour: 19, weekdaysOnly: true });
      expect(settings.targetProfile).toEqual([4, 4, 3.5, 3, 3, 2, 5, 3, 3, 1.5]);

      const html = (await page(pages, 'admin', response.headers.location as string).expect(200))
        .text;
      expect(html).toContain('data-testid="settings-saved"');
      expect(html).toContain('設定を保存しました。');
      expect(html).toContain('name="weekdaysOnly" value="1" checked>');
      expect(html).toMatch(/name="startHour"[^]*?<option value="7" selected>7:00<\/option>/);
    });

    /** The target fields as the page fills them in, 1..10. */
    const shownTargets = (html: string): string[] =>
      Array.from({ length: 10 }, (_, i) => {
        const match = new RegExp(`name="target${i + 1}" value="([^"]*)"`).exec(html);
        expect(match).not.toBeNull();
        return match![1];
      });

    it('fills the targets with the values in force, so changing one and saving works', async () => {
      const fresh = await createTestTenant(api.dataSource, 'org-settings-fresh');
      tokens.set(`${fresh.organizationId}:admin`, await loginToken(api, fresh.users.admin.email));
      // A tenant that set nothing: the dashboard's default profile, said to be the default.
      let html = (await page(fresh, 'admin').expect(200)).text;
      expect(shownTargets(html)).toEqual(DEFAULT_TARGET.map(String));
      expect(html).toContain('既定値（すべて 3）を使用しています。');
      expect(html).not.toContain('placeholder=');
      expect(html).not.toContain('name="targetDefault"');
      const english = (await page(fresh, 'admin', '/console/settings?lang=en').expect(200)).text;
      expect(shownTargets(english)).toEqual(DEFAULT_TARGET.map(String));
      expect(english).toContain('Using the default (3 for every directive).');

      // Saving the page as shown (only the hours changed) keeps the tenant on the default.
      const hoursOnly = { startHour: '8', endHour: '18', weekdaysOnly: true };
      await post(fresh, 'admin', form({ ...hoursOnly, targets: shownTargets(html) })).expect(303);
      expect((await getSettings(fresh, 'admin')).quietHours.startHour).toBe(8);
      expect((await stored(fresh)).targetProfile).toBeUndefined();

      // One value changed, the nine others as shown: saved as the default with that one changed.
      html = (await page(fresh, 'admin').expect(200)).text;
      const targets = shownTargets(html);
      targets[6] = '4.5';
      const saved = await post(fresh, 'admin', form({ ...hoursOnly, targets })).expect(303);
      expect(saved.headers.location).toBe('/console/settings?saved=1');
      const changed = [...DEFAULT_TARGET];
      changed[6] = 4.5;
      expect((await getSettings(fresh, 'admin')).targetProfile).toEqual(changed);
      html = (await page(fresh, 'admin').expect(200)).text;
      expect(shownTargets(html)).toEqual(changed.map(String));
      expect(html).not.toContain('を使用しています。');
      // The way back to the default is offered, unticked.
      expect(html).toContain(
        '<input type="checkbox" name="targetDefault" value="1"> 既定値（すべて 3）に戻す',
      );

      // Ticked: the tenant's own profile is dropped, whatever the fields hold.
      await post(fresh, 'admin', {
        ...form({ ...hoursOnly, targets: shownTargets(html) }),
        targetDefault: '1',
      }).expect(303);
      expect((await getSettings(fresh, 'admin')).targetProfile).toBeNull();
      expect((await stored(fresh)).targetProfile).toBeUndefined();
      expect((await stored(fresh)).quietHours).toEqual({
        startHour: 8,
        endHour: 18,
        weekdaysOnly: true,
      });
      html = (await page(fresh, 'admin').expect(200)).text;
      expect(shownTargets(html)).toEqual(DEFAULT_TARGET.map(String));
      expect(html).toContain('既定値（すべて 3）を使用しています。');
    });

    it('clears the target profile when every target is left empty', async () => {
      await post(
        pages,
        'admin',
        form({ startHour: '9', endHour: '18', weekdaysOnly: true, targets: Array(10).fill('') }),
      ).expect(303);
      expect((await getSettings(pages)).targetProfile).toBeNull();
      expect((await stored(pages)).targetProfile).toBeUndefined();
    });

    it('shows mistakes in the person’s language, keeps what was typed and saves nothing', async () => {
      const before = await stored(pages);
      const targets = ['3', '3', '7', '3', '', '3', '3', '3', '3', '3'];
      const html = (
        await post(
          pages,
          'admin',
          form({ startHour: '18', endHour: '9', weekdaysOnly: false, targets }),
        ).expect(400)
      ).text;
      expect(html).toContain('data-testid="settings-error"');
      expect(html).toContain('終了時刻は開始時刻より後にしてください。');
      expect(html).toContain('目標値は 10 項目すべてに入力するか、すべて空欄にしてください。');
      expect(html).toContain('目標値は 1〜5 の数値（小数は 1 桁まで）で入力してください: 指示3');
      expect(html).toContain('name="target3" value="7"');
      expect(html).toMatch(/name="target3" value="7"[^>]*aria-invalid="true"/);
      expect(html).toMatch(/name="startHour"[^]*?<option value="18" selected>18:00<\/option>/);
      expect(html).toMatch(/name="endHour"[^]*?<option value="9" selected>9:00<\/option>/);
      expect(html).toContain('name="weekdaysOnly" value="1">');
      expect(await stored(pages)).toEqual(before);

      const english = (
        await api
          .http()
          .post('/console/settings?lang=en')
          .set('cookie', cookie(pages, 'admin'))
          .set('origin', appOrigin)
          .type('form')
          .send(
            form({
              startHour: '9',
              endHour: '18',
              weekdaysOnly: true,
              targets: ['6', ...Array(9).fill('3')],
            }),
          )
          .expect(400)
      ).text;
      expect(english).toContain(
        'Targets must be numbers from 1 to 5 with at most one decimal: Directive 1',
      );
      expect(english).not.toContain('目標値は');
      expect(await stored(pages)).toEqual(before);
    });

    it('shows the other roles the values without a form, and refuses their posts', async () => {
      await put(pages, {
        quietHours: { startHour: 10, endHour: 16, weekdaysOnly: false },
        targetProfile: PROFILE,
      }).expect(200);
      const before = await stored(pages);
      for (const role of ['procurement', 'ciso', 'auditor'] as Role[]) {
        const html = (await page(pages, role).expect(200)).text;
        expect(html).toContain('data-testid="settings-readonly"');
        expect(html).toContain('10:00〜16:00（日本時間） / 毎日');
        expect(html).not.toContain('action="/console/settings"');
        expect(html).not.toContain('href="/console/settings"');
        expect(html).toContain('<td>3.5</td>');
      }
      const refused = await post(
        pages,
        'procurement',
        form({ startHour: '0', endHour: '24', weekdaysOnly: false, targets: Array(10).fill('5') }),
      ).expect(403);
      // A console page saying why, not the API's JSON.
      expect(refused.text).toContain('この操作は許可されていません');
      expect(await stored(pages)).toEqual(before);
    });

    it('refuses a post from another site and saves nothing', async () => {
      const before = await stored(pages);
      const response = await post(
        pages,
        'admin',
        form({ startHour: '0', endHour: '24', weekdaysOnly: false, targets: Array(10).fill('5') }),
        'https://evil.example',
      ).expect(403);
      expect(response.text).toContain('別のサイトから送信されたフォームは受け付けられません。');
      expect(await stored(pages)).toEqual(before);
    });
  });
});
