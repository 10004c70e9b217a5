import {
  AlertEvent,
  buildDigests,
  byRiskThenName,
  gatheredAlertKey,
  isNews,
  parseGatheredAlertKey,
  planAlertMail,
} from './alert-digest';

const ORG = '00000000-0000-4000-8000-00000000000a';
const OWNER = '00000000-0000-4000-8000-0000000000b1';
const OTHER_OWNER = '00000000-0000-4000-8000-0000000000b2';
const CAMPAIGN = '00000000-0000-4000-8000-0000000000c1';

function event(n: number, overrides: Partial<AlertEvent> = {}): AlertEvent {
  const hex = n.toString(16).padStart(12, '0');
  return {
    organizationId: ORG,
    ownerId: OWNER,
    scoreId: `5c000000-0000-4000-8000-${hex}`,
    assessmentId: `a0000000-0000-4000-8000-${hex}`,
    campaignId: CAMPAIGN,
    supplierId: `50000000-0000-4000-8000-${hex}`,
    supplierName: `取引先${n}`,
    tier: 'high',
    ...overrides,
  };
}

describe('isNews', () => {
  it('alerts a first score that is high or critical, and nothing lower', () => {
    expect(isNews('high', null)).toBe(true);
    expect(isNews('critical', undefined)).toBe(true);
    expect(isNews('medium', null)).toBe(false);
    expect(isNews('low', null)).toBe(false);
  });

  it('alerts a rescore only when it worsens the earlier tier', () => {
    expect(isNews('high', 'high')).toBe(false);
    expect(isNews('high', 'critical')).toBe(false);
    expect(isNews('critical', 'critical')).toBe(false);
    expect(isNews('critical', 'high')).toBe(true);
    expect(isNews('high', 'medium')).toBe(true);
    expect(isNews('critical', 'low')).toBe(true);
    expect(isNews('medium', 'low')).toBe(false);
  });
});

describe('buildDigests', () => {
  it('keeps the single-supplier keys, wording and supplier link for one event', () => {
    const one = event(1, { tier: 'critical' });
    expect(buildDigests([one])).toEqual([
      {
        organizationId: ORG,
        ownerId: OWNER,
        key: `high-tier:${one.scoreId}`,
        first: expect.objectContaining({ scoreId: one.scoreId }),
        entries: [expect.objectContaining({ supplierId: one.supplierId })],
        title: {
          ja: '取引先1 のリスク評価が「重大」になりました',
          en: '取引先1 was rated critical risk',
        },
        link: `/dashboard/suppliers/${one.supplierId}`,
        detail: [
          { scoreId: one.scoreId, assessmentId: one.assessmentId, supplierId: one.supplierId },
        ],
      },
    ]);
  });

  it('makes one digest per owner, keyed by its smallest score id, most severe first', () => {
    const events = [
      event(30),
      event(12, { tier: 'critical', supplierName: 'B商事' }),
      event(5),
      event(7, { ownerId: OTHER_OWNER }),
      event(20, { tier: 'critical', supplierName: 'A工業' }),
    ];
    const digests = buildDigests(events);
    expect(digests).toHaveLength(2);
    const mine = digests.find((d) => d.ownerId === OWNER)!;
    expect(mine.key).toBe(`high-tier:${events[2].scoreId}`);
    expect(mine.first.assessmentId).toBe(events[2].assessmentId);
    expect(mine.entries.map((e) => e.supplierName)).toEqual([
      'A工業',
      'B商事',
      '取引先5',
      '取引先30',
    ]);
    expect(mine.detail.map((d) => d.scoreId)).toEqual(mine.entries.map((e) => e.scoreId));
    expect(mine.title).toEqual({
      ja: 'A工業 ほか3社のリスク評価が「高」以上になりました',
      en: 'A工業 and 3 other suppliers were rated high or critical risk',
    });
    expect(mine.link).toBe(`/dashboard?campaign=${CAMPAIGN}`);
    const theirs = digests.find((d) => d.ownerId === OTHER_OWNER)!;
    expect(theirs.key).toBe(`high-tier:${events[3].scoreId}`);
    expect(theirs.detail).toHaveLength(1);
  });

  it('names one shared tier, and links the whole dashboard across campaigns', () => {
    const [digest] = buildDigests([
      event(1),
      event(2, { campaignId: '00000000-0000-4000-8000-0000000000c2' }),
    ]);
    expect(digest.title).toEqual({
      ja: '取引先1 ほか1社のリスク評価が「高」になりました',
      en: '取引先1 and 1 other supplier were rated high risk',
    });
    expect(digest.link).toBe('/dashboard');
  });

  it('separates organizations even when the owner id is the same', () => {
    const other = '00000000-0000-4000-8000-00000000000f';
    expect(buildDigests([event(1), event(2, { organizationId: other })])).toHaveLength(2);
  });
});

describe('byRiskThenName (the alert mail list, "most severe first")', () => {
  it('puts the worse tier first, then the higher risk score, then the name', () => {
    const row = (name: string, tier: string, riskScore: number, n: number) => ({
      supplierName: name,
      tier,
      riskScore,
      scoreId: `5c000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    });
    const rows = [
      row('さくら商事', 'high', 49.2, 1),
      row('北辰工業', 'high', 61, 2),
      row('青葉電機', 'critical', 80.5, 3),
      row('あさひ物流', 'high', 61, 4),
    ];
    expect(rows.sort(byRiskThenName).map((r) => r.supplierName)).toEqual([
      '青葉電機',
      'あさひ物流',
      '北辰工業',
      'さくら商事',
    ]);
  });
});

describe('planAlertMail (one recipient’s alert mails over a window)', () => {
  const minute = 60_000;
  const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 1, 0) + minutes * minute);
  const plan = (now: number, last: { immediate?: number; gathered?: [number, number] } = {}) =>
    planAlertMail({
      recipientId: OWNER,
      now: at(now),
      windowMs: 10 * minute,
      lastImmediate: last.immediate === undefined ? null : at(last.immediate),
      lastGathered: last.gathered
        ? { from: at(last.gathered[0]), until: at(last.gathered[1]) }
        : null,
    });

  it('sends the first alert at once, and again once a whole window passed quietly', () => {
    expect(plan(0)).toEqual({ send: 'now' });
    expect(plan(10, { immediate: 0 })).toEqual({ send: 'now' });
    expect(plan(25, { gathered: [5, 15] })).toEqual({ send: 'now' });
  });

  it('gathers the alerts that follow into one mail at the end of the window', () => {
    const opened = plan(0.5, { immediate: 0 });
    expect(opened).toEqual({
      send: 'gathered',
      key: gatheredAlertKey(OWNER, { from: at(0), until: at(10) }),
      window: { from: at(0), until: at(10) },
      create: true,
    });
    // A later alert of the same window joins the waiting mail instead of making another.
    expect(plan(9.9, { immediate: 0, gathered: [0, 10] })).toEqual({
      ...opened,
      create: false,
    });
    // Right after that mail went out, the next window follows it: still one mail per window.
    expect(plan(12, { immediate: 0, gathered: [0, 10] })).toEqual({
      send: 'gathered',
      key: gatheredAlertKey(OWNER, { from: at(10), until: at(20) }),
      window: { from: at(10), until: at(20) },
      create: true,
    });
  });

  it('reads back the recipient and window from a gathered mail’s key, and nothing else', () => {
    const key = gatheredAlertKey(OWNER, { from: at(0), until: at(10) });
    expect(key.startsWith(`alert:high-tier-window:${OWNER}:`)).toBe(true);
    expect(parseGatheredAlertKey(key)).toEqual({ recipientId: OWNER, from: at(0), until: at(10) });
    expect(parseGatheredAlertKey(`alert:high-tier:${OWNER}`)).toBeNull();
    // Keys of one recipient sort by time, so the latest is the greatest.
    const later = gatheredAlertKey(OWNER, { from: at(10), until: at(20) });
    expect([later, key].sort()).toEqual([key, later]);
  });
});
