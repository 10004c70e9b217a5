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
  reopened: { ...common, message: '質問3の根拠を\n添付してください', daysLeft: 5 },
  link: common,
  alert: {
    ...common,
    suppliers: [
      {
        supplierName: '株式会社ゆうびん & Co',
        campaignName: '2026年度 調査',
        tier: 'critical',
        riskScore: 81.5,
        link: 'https://kakehashi.test/dashboard/suppliers/1',
      },
    ],
    more: 0,
    supplierCount: 1,
    consoleLink: 'https://kakehashi.test/dashboard/suppliers/1',
  },
  user_invitation: {
    recipientName: '佐藤 花子 <新任>',
    organizationName: '架け橋工業株式会社',
    senderName: '架け橋工業株式会社',
    email: 'sato@kakehashi.test',
    roleLabel: '調達',
    link: 'https://kakehashi.test/set-password/abc?lang=ja',
    expiresAt: '2026年11月29日(日) 09:19 (日本時間)',
  },
  password_reset: {
    recipientName: '佐藤 花子 <新任>',
    organizationName: '架け橋工業株式会社',
    senderName: '架け橋工業株式会社',
    email: 'sato@kakehashi.test',
    link: 'https://kakehashi.test/set-password/abc?lang=ja',
    expiresAt: '2026年11月29日(日) 10:19 (日本時間)',
  },
  due_date_changed: common,
  contact_changed: common,
  submission_receipt: {
    ...common,
    submittedAt: '2026年11月29日(日) 09:19 (日本時間)',
    submission: 2,
    answeredCount: 3,
    itemCount: 4,
    sections: [
      {
        title: '会社概要',
        items: [
          { text: '業種', answer: 'サービス業' },
          { text: '資本金(万円)', answer: '3,000' },
        ],
      },
      {
        title: 'インシデント対応',
        items: [
          {
            text: '連絡窓口',
            answer: '<script>alert(1)</script> 総務部 & 情報システム部\n内線 1234',
          },
          { text: '最終訓練日', answer: '未回答' },
        ],
      },
    ],
  },
};

/** Mails to the buyer's own users, which name no supplier and carry no questionnaire link. */
const BUYER_KINDS = ['escalation', 'alert', 'user_invitation', 'password_reset'];

const alertSupplier = (n: number, tier: string) => ({
  supplierName: `取引先${n}`,
  campaignName: '2026年度 調査',
  tier,
  riskScore: 60 + n,
  link: `https://kakehashi.test/dashboard/suppliers/${n}`,
});

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
    if (!BUYER_KINDS.includes(kind)) {
      expect(out.html).toContain('株式会社ゆうびん &amp; Co');
      // A receipt is a copy to keep and forward: it must carry no way back into the questionnaire.
      if (kind === 'submission_receipt') expect(out.text + out.html).not.toContain('/q/');
      else expect(out.text).toContain('https://kakehashi.test/q/abc');
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

  it('names the due date in a reopen mail only while it is today or later', () => {
    const reopened = (daysLeft: number, locale: 'ja' | 'en') =>
      renderer.render({
        kind: 'reopened',
        locale,
        data: { ...common, message: '指示7の証跡を添付してください', daysLeft },
      });
    for (const daysLeft of [5, 0]) {
      const ja = reopened(daysLeft, 'ja');
      expect(ja.text).toContain('再度提出してください(期限: 2026年12月1日(火))。');
      expect(ja.html).toContain('再度提出してください(期限: 2026年12月1日(火))。');
      const en = reopened(daysLeft, 'en');
      expect(en.text).toContain('submit again (due 2026年12月1日(火)):');
      expect(en.html).toContain('submit again (due 2026年12月1日(火)).');
    }
    const past = reopened(-66, 'ja');
    expect(past.text).toContain('以下のリンクから回答を修正し、再度提出してください。');
    expect(past.html).toContain('以下のリンクから回答を修正し、再度提出してください。');
    expect(past.text).toContain('指示7の証跡を添付してください');
    expect(past.text + past.html).not.toMatch(/期限|2026年12月1日/);
    const pastEn = reopened(-1, 'en');
    expect(pastEn.text).toContain('Please update your answers and submit again:');
    expect(pastEn.html).toContain('Please update your answers and submit again.');
    expect(pastEn.text + pastEn.html).not.toMatch(/due|2026年12月1日/);
  });

  it('announces a changed due date with the new date and the link, in ja and en', () => {
    const ja = renderer.render({ kind: 'due_date_changed', locale: 'ja', data: common });
    expect(ja.subject).toBe('【調達部 <購買>】回答期限変更のお知らせ(2026年度 調査)');
    expect(ja.text).toContain('変更後の回答期限: 2026年12月1日(火)');
    expect(ja.text).toContain('https://kakehashi.test/q/abc');
    expect(ja.text).toContain('心当たりのない場合は破棄してください');
    const en = renderer.render({ kind: 'due_date_changed', locale: 'en', data: common });
    expect(en.subject).toBe('[調達部 <購買>] Due date changed: 2026年度 調査');
    expect(en.text).toContain('New due date: 2026年12月1日(火)');
  });

  it('tells a new primary contact they were registered, with the campaign, due date and link', () => {
    const ja = renderer.render({ kind: 'contact_changed', locale: 'ja', data: common });
    expect(ja.subject).toBe('【調達部 <購買>】ご担当者変更に伴う回答依頼のご案内(2026年度 調査)');
    expect(ja.text).toContain('山田 太郎 様');
    expect(ja.text).toContain('貴社のご担当者として新たにご登録いたしました');
    expect(ja.text).toContain('「2026年度 調査」');
    expect(ja.text).toContain('回答期限: 2026年12月1日(火)');
    expect(ja.text).toContain('https://kakehashi.test/q/abc');
    const en = renderer.render({ kind: 'contact_changed', locale: 'en', data: common });
    expect(en.subject).toBe(
      '[調達部 <購買>] Questionnaire request to the new contact: 2026年度 調査',
    );
    expect(en.text).toContain("has registered you as your company's new contact");
    expect(en.text).toContain('Due date: 2026年12月1日(火)');
    expect(en.html).toContain('href="https://kakehashi.test/q/abc"');
  });

  it('refuses data missing a field the template names (strict templates)', () => {
    const { link: _link, ...withoutLink } = common;
    expect(() =>
      renderer.render({ kind: 'link', locale: 'ja', data: withoutLink as typeof common }),
    ).toThrow(/link/);
  });

  it('words an alert about one supplier as before, with its tier in the reader language', () => {
    const ja = renderer.render({ kind: 'alert', locale: 'ja', data: samples.alert });
    expect(ja.subject).toBe('【リスク警告】株式会社ゆうびん & Co が 重大 と評価されました');
    expect(ja.text).toContain(
      '「2026年度 調査」で 株式会社ゆうびん & Co の回答が採点され、リスク区分が 重大(スコア 81.5)となりました。',
    );
    expect(ja.text).toContain('詳細: https://kakehashi.test/dashboard/suppliers/1');
    expect(ja.html).toContain('<strong>株式会社ゆうびん &amp; Co</strong>');
    const en = renderer.render({ kind: 'alert', locale: 'en', data: samples.alert });
    expect(en.subject).toBe('Risk alert: 株式会社ゆうびん & Co rated critical');
  });

  it('ends staff notifications with the staff footer and supplier mail with the supplier one', () => {
    const alert = renderer.render({ kind: 'alert', locale: 'ja', data: samples.alert });
    expect(alert.text).toContain('の担当者に Kakehashi');
    expect(alert.text).not.toContain('心当たりのない場合は破棄してください');
    const escalation = renderer.render({
      kind: 'escalation',
      locale: 'en',
      data: samples.escalation,
    });
    expect(escalation.text).toContain('to the staff of');
    const invitation = renderer.render({
      kind: 'invitation',
      locale: 'ja',
      data: samples.invitation,
    });
    expect(invitation.text).toContain('心当たりのない場合は破棄してください');
  });

  it('lists every supplier of an alert digest, counts those beyond the list, escapes names', () => {
    const data = {
      ...common,
      suppliers: [
        alertSupplier(1, 'critical'),
        { ...alertSupplier(2, 'high'), supplierName: '<script>alert(1)</script>商事' },
        alertSupplier(3, 'high'),
      ],
      more: 4,
      supplierCount: 7,
      consoleLink: 'https://kakehashi.test/dashboard?campaign=c1',
    };
    const ja = renderer.render({ kind: 'alert', locale: 'ja', data });
    expect(ja.subject).toBe('【リスク警告】7社が「高」以上のリスクと評価されました');
    expect(ja.text).toContain('7社のリスク区分が「高」以上となりました');
    expect(ja.text).toContain('- 取引先1(「2026年度 調査」) 重大・スコア 61');
    expect(ja.text).toContain('- <script>alert(1)</script>商事(「2026年度 調査」) 高・スコア 62');
    expect(ja.text).toContain('https://kakehashi.test/dashboard/suppliers/3');
    expect(ja.text).toContain('ほか 4件はコンソールでご確認ください。');
    expect(ja.text).toContain('一覧: https://kakehashi.test/dashboard?campaign=c1');
    expect(ja.html).not.toContain('<script>');
    expect(ja.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;商事');
    expect(ja.html).toContain('<a href="https://kakehashi.test/dashboard/suppliers/1">取引先1</a>');
    expect(ja.html.match(/<tr><td><a /g)).toHaveLength(3);

    const en = renderer.render({ kind: 'alert', locale: 'en', data });
    expect(en.subject).toBe('Risk alert: 7 suppliers rated high or critical');
    expect(en.text).toContain('- 取引先3 ("2026年度 調査") high, score 63');
    expect(en.text).toContain('4 more not listed here');
    expect(en.html).not.toContain('<script>');

    const all = renderer.render({ kind: 'alert', locale: 'ja', data: { ...data, more: 0 } });
    expect(all.text).not.toContain('ほか');
  });

  it('invites a buyer user with the set-password link, the role and the expiry, in ja and en', () => {
    const ja = renderer.render({
      kind: 'user_invitation',
      locale: 'ja',
      data: samples.user_invitation,
    });
    expect(ja.subject).toBe('【架け橋】架け橋工業株式会社 のユーザーとして招待されました');
    expect(ja.text).toContain('佐藤 花子 <新任> 様');
    expect(ja.text).toContain('（役割: 調達）');
    expect(ja.text).toContain('https://kakehashi.test/set-password/abc?lang=ja');
    expect(ja.text).toContain('有効期限: 2026年11月29日(日) 09:19 (日本時間)');
    expect(ja.html).toContain('佐藤 花子 &lt;新任&gt; 様');
    // Handlebars escapes `=` as &#x3D; in the attribute, which the mail client reads back as `=`.
    expect(ja.html).toContain('href="https://kakehashi.test/set-password/abc?lang&#x3D;ja"');

    const en = renderer.render({
      kind: 'user_invitation',
      locale: 'en',
      data: { ...samples.user_invitation, roleLabel: 'Procurement', expiresAt: 'Sun, 29 Nov' },
    });
    expect(en.subject).toBe('You are invited to 架け橋工業株式会社 on Kakehashi');
    expect(en.text).toContain('(role: Procurement)');
    expect(en.text).toContain('you can then log in as sato@kakehashi.test');
    expect(en.text).toContain('The link works once and expires on Sun, 29 Nov.');
  });

  it('mails a password reset with the one-time link, the account and the hour it lasts', () => {
    const ja = renderer.render({
      kind: 'password_reset',
      locale: 'ja',
      data: samples.password_reset,
    });
    expect(ja.subject).toBe('【架け橋】パスワードの再設定（架け橋工業株式会社）');
    expect(ja.text).toContain('佐藤 花子 <新任> 様');
    expect(ja.text).toContain('アカウント sato@kakehashi.test について');
    expect(ja.text).toContain('https://kakehashi.test/set-password/abc?lang=ja');
    expect(ja.text).toContain('有効期限: 2026年11月29日(日) 10:19 (日本時間)（1時間）');
    expect(ja.text).toContain('心当たりのない場合は、このメールを破棄してください。');
    expect(ja.html).toContain('href="https://kakehashi.test/set-password/abc?lang&#x3D;ja"');

    const en = renderer.render({
      kind: 'password_reset',
      locale: 'en',
      data: { ...samples.password_reset, expiresAt: 'Sun, 29 Nov 2026, 10:19 (Japan time)' },
    });
    expect(en.subject).toBe('Reset your Kakehashi password (架け橋工業株式会社)');
    expect(en.text).toContain('A password reset was requested for sato@kakehashi.test');
    expect(en.text).toContain(
      'The link works once and expires on Sun, 29 Nov 2026, 10:19 (Japan time) (one hour).',
    );
    expect(en.text).toContain('Setting a new password logs you out everywhere you are logged in.');
  });

  it('sends the supplier a copy of a submission: facts, every answer, free text escaped in HTML', () => {
    const data = samples.submission_receipt;
    const ja = renderer.render({ kind: 'submission_receipt', locale: 'ja', data });
    expect(ja.subject).toBe('【調達部 <購買>】ご回答を受け付けました(2026年度 調査・2回目の提出)');
    expect(ja.text).toContain('提出先: 架け橋工業株式会社');
    expect(ja.text).toContain('回答企業: 株式会社ゆうびん & Co');
    expect(ja.text).toContain('提出日時: 2026年11月29日(日) 09:19 (日本時間)');
    expect(ja.text).toContain('提出回数: 2回目');
    expect(ja.text).toContain('回答した項目: 3件(表示された4件中)');
    expect(ja.text).toContain('■ 会社概要\n\n業種\n→ サービス業\n\n資本金(万円)\n→ 3,000\n\n■');
    expect(ja.text).toContain(
      '\n\n連絡窓口\n→ <script>alert(1)</script> 総務部 & 情報システム部\n内線 1234\n\n',
    );
    expect(ja.html).not.toContain('<script>');
    expect(ja.html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; 総務部 &amp; 情報システム部\n内線 1234</dd>',
    );
    expect(ja.html).toContain('>提出回数</th><td>2回目</td>');

    const first = renderer.render({
      kind: 'submission_receipt',
      locale: 'en',
      data: { ...data, submission: 1 },
    });
    expect(first.subject).toBe('[調達部 <購買>] Answers received: 2026年度 調査');
    expect(first.text).toContain('Submission number: 1');
    expect(first.text).toContain('Items answered: 3 of 4 shown');
    expect(first.text).toContain('== 会社概要\n\n業種\n-> サービス業\n\n');
    expect(renderer.render({ kind: 'submission_receipt', locale: 'en', data }).subject).toBe(
      '[調達部 <購買>] Answers received: 2026年度 調査 (submission 2)',
    );
  });
});
