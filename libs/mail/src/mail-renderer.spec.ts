import { MailData, MailDataByKind } from './mail-data.types';
import { MailRenderer } from './mail-renderer';

const common = {
  recipientName: '山田 太郎',
  organizationName: '架け橋工業株式会社',
  senderName: '調達部 <購買>',
  supplierName: '株式会社ゆうびん & Co',
  campaignName: '2026年度 調査',
  dueDate: '2026年12月1日(火)',
  link: 'https://kakehashi.test/q/abc',
};

const samples: { [K in keyof MailDataByKind]: MailDataByKind[K] } = {
  invitation: { ...common, message: '<b>よろしく</b>' },
  reminder: { ...common, daysLeft: 3 },
  escalation: {
    ...common,
    overdue: [{ supplierName: '<遅延>商事', status: 'invited', contactEmail: null }],
    consoleLink: 'https://kakehashi.test/console/campaigns/1',
  },
  reopened: { ...common, message: '質問3の根拠を\n添付してください' },
  link: common,
  alert: { ...common, tier: 'critical', riskScore: 81.5, consoleLink: 'https://kakehashi.test/x' },
};

describe('MailRenderer', () => {
  const renderer = new MailRenderer();

  it.each(
    Object.keys(samples).flatMap((kind) => [
      [kind, 'ja'],
      [kind, 'en'],
    ]),
  )('renders %s in %s with every field its template names, escaping HTML only', (kind, locale) => {
    const mail = { kind, locale, data: samples[kind as keyof typeof samples] } as MailData;
    const out = renderer.render(mail);
    expect(out.subject).not.toMatch(/\n/);
    expect(out.html).toContain('架け橋工業株式会社');
    expect(out.html).not.toMatch(/<b>よろしく|<遅延>|< ?購買>/);
    expect(out.text).not.toContain('&lt;');
    if (kind !== 'escalation' && kind !== 'alert') {
      expect(out.html).toContain('株式会社ゆうびん &amp; Co');
      expect(out.text).toContain('https://kakehashi.test/q/abc');
    }
  });

  it('words a reminder by days left, due today and overdue', () => {
    const subject = (daysLeft: number, locale: 'ja' | 'en') =>
      renderer.render({ kind: 'reminder', locale, data: { ...common, daysLeft } }).subject;
    expect(subject(3, 'ja')).toBe('【リマインド】回答期限まであと3日(2026年度 調査)');
    expect(subject(0, 'ja')).toBe('【リマインド】本日が回答期限です(2026年度 調査)');
    expect(subject(-4, 'ja')).toBe('【期限超過】回答期限を4日過ぎています(2026年度 調査)');
    expect(subject(-4, 'en')).toBe('Overdue by 4 day(s) - 2026年度 調査');
  });

  it('refuses data missing a field the template names (strict templates)', () => {
    const { link: _link, ...withoutLink } = common;
    expect(() =>
      renderer.render({ kind: 'link', locale: 'ja', data: withoutLink as typeof common }),
    ).toThrow(/link/);
  });

  it('shows the alert tier in the reader language', () => {
    const ja = renderer.render({ kind: 'alert', locale: 'ja', data: samples.alert });
    expect(ja.subject).toBe('【リスク警告】株式会社ゆうびん & Co が 重大 と評価されました');
  });
});
