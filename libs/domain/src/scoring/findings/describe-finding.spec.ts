// The words of every finding code, rendered from the data the engine emits and the worker stores.
import fc from 'fast-check';
import { answersArb, profileArb } from '../../../test/support/answer-arbitrary';
import { catalog, star2Answers, uniformAnswers } from '../../../test/support/answer-builders';
import type { Answers, Catalog } from '../../catalog/catalog.types';
import { ANSWER_FIXTURES } from '../../fixtures/answer-fixtures';
import { score } from '../score';
import type {
  Finding,
  FindingData,
  FindingParams,
  FindingText,
  SupplierProfile,
} from '../scoring.types';
import { describeFinding, FINDING_CODES } from './describe-finding';

const asOf = '2026-12-01';
const crit2: SupplierProfile = { criticality: 2, asOf };

interface Case {
  code: string;
  /** Tells variants of one code apart. */
  variant?: string;
  answers: Answers;
  profile?: SupplierProfile;
  params: FindingParams;
  text: FindingText;
}

const t = (messageJa: string, messageEn: string, recJa: string, recEn: string): FindingText => ({
  message: { ja: messageJa, en: messageEn },
  recommendation: { ja: recJa, en: recEn },
});

const SUBSIDY_JA =
  'IPA「サイバーセキュリティお助け隊サービスリスト」の登録サービス（異常監視・駆付け・相談窓口・簡易サイバー保険）の導入を検討してください。デジタル化・AI導入補助金（旧 IT導入補助金）のセキュリティ対策推進枠で、利用料（最大2年分）の1/2（小規模事業者は2/3）、5万〜150万円の補助を受けられます（SECURITY ACTION の宣言が申請要件）。';
const SUBSIDY_EN =
  "Consider a service on IPA's Otasuketai list (monitoring, on-site help, help desk, simple cyber insurance). The security measures track of the digitalisation/AI adoption subsidy (formerly the IT introduction subsidy) covers 1/2 (small enterprises 2/3) of up to 2 years of fees, 50,000–1,500,000 yen; a SECURITY ACTION declaration is required to apply.";
const BACKUP_REC_JA =
  'ランサムウェアに備えてネットワークから切り離したバックアップを取り、年1回以上復元を試してください。';
const BACKUP_REC_EN =
  'Keep backups offline against ransomware and test a restore at least once a year.';

const CASES: Case[] = [
  {
    code: 'SELF_RATING_CAPPED',
    answers: uniformAnswers('partial', 5),
    params: { selfRating: 5, cap: 3 },
    text: t(
      '指示1の自己評価（レベル5）は実施状況の回答と整合しないため、レベル3として扱いました。',
      'Directive 1: the self-rating 5 is not supported by the practice answers and counts as 3.',
      '実施状況の回答を見直すか、自己評価の根拠となる規程や記録を提出してください。',
      'Review the practice answers, or send the policies or records that support the self-rating.',
    ),
  },
  {
    code: 'DIRECTIVE_WEAK',
    answers: uniformAnswers('partial', 3, {
      'D01.1': 'done',
      'D01.2': 'not_done',
      'D01.3': 'not_done',
    }),
    params: { maturity: 2.2 },
    text: t(
      '指示1の成熟度が低い状態です（2.20 / 5）。',
      'Directive 1 maturity is low (2.20 of 5).',
      '経営者の名前でセキュリティ基本方針を定め、社内外に公表してください（IPA の基本方針サンプルが参考になります）。',
      "Set a basic security policy in management's name and publish it inside and outside the company (IPA's sample policy helps).",
    ),
  },
  {
    code: 'UNKNOWN_ANSWERS',
    answers: uniformAnswers('partial', 3, { 'D01.2': 'unknown' }),
    params: {},
    text: t(
      '「わからない」と回答した項目が1件あります。これらは平均から除外しています。',
      '1 item(s) were answered "don\'t know"; they are left out of the averages.',
      '担当者に確認して回答を更新してください。',
      'Check with the person responsible and update the answers.',
    ),
  },
  {
    code: 'SA_STAR2_CONTRADICTED',
    answers: uniformAnswers('partial', 3, {
      ...star2Answers((no) => (no < 4 ? 'not_done' : 'done')),
      'SA.POLICY': false,
      'SC.DATE': '2025-01-01',
    }),
    params: {},
    text: t(
      '★★二つ星の宣言が回答と矛盾しています（自社診断で未実施・不明の項目が3件、基本方針が公表されていない、自社診断が12か月以内に実施されていない）。★一つ星として評価しました。',
      'The ★★ declaration contradicts the answers (3 self-check item(s) not done or unknown; no published basic policy; no self-check in the last 12 months); it counts as ★.',
      '自社診断の未実施項目を改善し、情報セキュリティ基本方針を社外に公表したうえで★★を宣言してください。',
      'Fix the self-check items not done, publish the basic security policy, then declare ★★.',
    ),
  },
  {
    code: 'SA_FIVE_RULES_GAP',
    answers: uniformAnswers('partial', 3, {
      'SA.LEVEL': 'star1',
      'SA.ID': '50000000001',
      'SA.DATE': '2026-01-10',
      'SA.R3': 'not_done',
    }),
    params: {},
    text: t(
      'SECURITY ACTION を宣言していますが、5か条のうち1項目が実施されていません。',
      'SECURITY ACTION is declared but 1 of the 5 basic rules are not practised.',
      '宣言の前提である情報セキュリティ5か条をすべて実施してください。',
      'Practise all of the 5 basic rules the declaration commits to.',
    ),
  },
  {
    code: 'SA_NOT_DECLARED',
    answers: uniformAnswers('partial', 3),
    params: {},
    text: t(
      'SECURITY ACTION を宣言していません。',
      'SECURITY ACTION is not declared.',
      'GビズIDで IPA の SECURITY ACTION ★一つ星を宣言してください（デジタル化・AI導入補助金の申請要件でもあります）。',
      'Declare SECURITY ACTION ★ with IPA using a GBizID (it is also required to apply for the digitalisation/AI adoption subsidy).',
    ),
  },
  {
    code: 'SELF_CHECK_BELOW_FULL',
    answers: uniformAnswers(
      'partial',
      3,
      star2Answers((no) => (no === 9 ? 'not_done' : no === 13 ? 'unknown' : 'done')),
    ),
    params: { total: 91, band: 'partly_insufficient' },
    text: t(
      '自社診断の合計は91点（一部不十分）です。',
      'The self-check total is 91 (partly insufficient).',
      '点数の低い項目から改善し、100点を目指してください。',
      'Improve the lowest items first and aim for 100.',
    ),
  },
  {
    code: 'NO_MONITORING',
    variant: 'SME',
    answers: uniformAnswers('partial', 3),
    params: { sizeClass: 'sme' },
    text: t(
      '攻撃や異常を検知する監視サービスを利用していません。',
      'No service monitors for attacks and anomalies.',
      SUBSIDY_JA,
      SUBSIDY_EN,
    ),
  },
  {
    code: 'NO_MONITORING',
    variant: 'large company',
    answers: uniformAnswers('partial', 3),
    profile: { ...crit2, sizeClass: 'large' },
    params: { sizeClass: 'large' },
    text: t(
      '攻撃や異常を検知する監視サービスを利用していません。',
      'No service monitors for attacks and anomalies.',
      'IPA「情報セキュリティサービス基準適合サービスリスト」のセキュリティ監視・運用サービス（SOC）を検討してください。',
      "Consider a security monitoring and operation service (SOC) from IPA's list of services meeting the information security service standards.",
    ),
  },
  {
    code: 'NO_SECURITY_TESTING',
    answers: uniformAnswers('partial', 3),
    params: {},
    text: t(
      '過去12か月に情報セキュリティ監査や脆弱性診断を受けていません。',
      'No security audit or vulnerability assessment in the last 12 months.',
      'IPA「情報セキュリティサービス基準適合サービスリスト」掲載の脆弱性診断サービス（外部公開システム）または情報セキュリティ監査サービスを受けてください。',
      "Have a vulnerability assessment (of internet-facing systems) or an information security audit done by a service on IPA's list of services meeting the information security service standards.",
    ),
  },
  {
    code: 'TESTING_PROVIDER_NOT_LISTED',
    answers: uniformAnswers('partial', 3, {
      'SS.KINDS': ['vulnerability'],
      'SS.LISTED': false,
      'SS.LAST': '2026-06-01',
    }),
    params: {},
    text: t(
      '監査・診断の提供事業者が IPA の適合サービスリストに掲載されていません。',
      "The audit or assessment provider is not on IPA's list of conforming services.",
      '次回は適合サービスリスト掲載のサービスを選んでください。',
      'Next time, choose a service on the list.',
    ),
  },
  {
    code: 'IOT_NO_JCSTAR',
    answers: uniformAnswers('partial', 3, {
      'P.ROLES': ['iot'],
      'IOT.PRODUCTS': 'カメラ',
      'IOT.LEVEL': 'none',
    }),
    params: {},
    text: t(
      '納入する IoT 製品が JC-STAR ラベルを取得していません。',
      'The IoT products delivered hold no JC-STAR label.',
      'JC-STAR ★1（16項目の適合基準、自己適合宣言）の取得を計画してください。ラベルの有効期間は最長2年です。',
      'Plan for JC-STAR ★1 (16 requirements, self-assessed). Labels are valid for up to 2 years.',
    ),
  },
  {
    code: 'INCIDENT_NO_CONTACT',
    answers: uniformAnswers('partial', 3, { 'IR.CONTACT': false }),
    params: {},
    text: t(
      'インシデント発生時の社内窓口が決まっていません。',
      'There is no named incident contact point.',
      '窓口となる担当者と連絡先を決め、当社にも知らせてください。',
      'Name an incident contact with phone and email, and tell us.',
    ),
  },
  {
    code: 'INCIDENT_REPORTING_GAPS',
    answers: uniformAnswers('partial', 3, { 'IR.REPORT_TO': ['ipa'] }),
    params: { missingReportTo: 'jpcert,police' },
    text: t(
      'インシデント時の届出先として把握していない先があります（JPCERT/CC、警察）。',
      'Some places to report an incident are not known (JPCERT/CC, the police).',
      'IPA（ウイルス・不正アクセス届出）、JPCERT/CC、都道府県警察のサイバー犯罪相談窓口を対応手順に記載してください。',
      'List IPA (malware and unauthorised access reports), JPCERT/CC and the prefectural police cybercrime desk in the response procedure.',
    ),
  },
  {
    code: 'INCIDENT_NO_RECENT_EXERCISE',
    answers: uniformAnswers('partial', 3),
    params: {},
    text: t(
      '過去12か月にインシデント対応の訓練を実施していません。',
      'No incident response exercise in the last 12 months.',
      '年1回、机上演習などでインシデント対応手順を確認してください。',
      'Run a tabletop exercise of the response procedure once a year.',
    ),
  },
  {
    code: 'BACKUP_NOT_TESTED',
    variant: 'no backup',
    answers: uniformAnswers('partial', 3, { 'IR.BACKUP': 'none' }),
    params: { backup: 'none' },
    text: t(
      '重要データのバックアップを取得していません。',
      'Important data is not backed up.',
      BACKUP_REC_JA,
      BACKUP_REC_EN,
    ),
  },
  {
    code: 'BACKUP_NOT_TESTED',
    variant: 'restore untested',
    answers: uniformAnswers('partial', 3, { 'IR.BACKUP': 'untested' }),
    params: { backup: 'untested' },
    text: t(
      'バックアップからの復元を確認していません。',
      'Restoring from backup has not been tested.',
      BACKUP_REC_JA,
      BACKUP_REC_EN,
    ),
  },
  {
    code: 'EVIDENCE_EXPIRED',
    answers: uniformAnswers('partial', 3, { ...star2Answers(), 'SC.DATE': '2025-11-30' }),
    params: { date: '2025-11-30', expiredOn: '2026-11-30' },
    text: t(
      '証跡「直近に自社診断を実施した日」（2025-11-30）は 2026-11-30 に期限切れとなりました。評価に含めていません。',
      'Evidence "Date of your latest self-check" (2025-11-30) expired on 2026-11-30 and is not counted.',
      '最新の証跡（実施日・有効期限）に更新してください。',
      'Update the evidence with a current date.',
    ),
  },
  {
    code: 'LEVEL_GAP',
    variant: 'strong required',
    answers: uniformAnswers('partial', 3),
    profile: { criticality: 1, networkAccess: true, asOf },
    params: { requiredLevel: 'strong', achievedLevel: 'basic', minDirective: 3.5 },
    text: t(
      '求められる水準は「強化レベル（SCS評価制度 ★4 相当）」ですが、達成水準は「基本レベル（SCS評価制度 ★3 相当）」です。',
      'Required level: Strong (like SCS ★4); achieved: Basic (like SCS ★3).',
      '成熟度が3.5未満の指示を優先して改善してください。強化レベルには IPA 適合サービスリスト掲載事業者による診断・監査と異常監視も必要です。',
      'Improve the directives below 3.5 first; the strong level also needs testing or audit by a listed provider and monitoring.',
    ),
  },
  {
    code: 'LEVEL_GAP',
    variant: 'basic required',
    answers: {},
    params: { requiredLevel: 'basic', achievedLevel: 'none', minDirective: 2.5 },
    text: t(
      '求められる水準は「基本レベル（SCS評価制度 ★3 相当）」ですが、達成水準は「基準未達」です。',
      'Required level: Basic (like SCS ★3); achieved: Below basic.',
      '成熟度が2.5未満の指示を優先して改善してください。',
      'Improve the directives below 2.5 first.',
    ),
  },
  {
    code: 'PROFILE_SIZE_MISMATCH',
    answers: uniformAnswers('partial', 3, { 'P.CAPITAL': 100000, 'P.EMPLOYEES': 5000 }),
    params: { declared: 'sme', computed: 'large' },
    text: t(
      '申告された企業規模（中小企業）が資本金・従業員数から判定される区分（大企業（中小企業に該当しない））と異なります。',
      'The declared size class (SME) differs from the one the capital and employees give (Large company (not an SME)).',
      '企業規模の回答を確認してください。',
      'Check the size class answer.',
    ),
  },
  {
    code: 'PROFILE_ACCESS_MISMATCH',
    answers: uniformAnswers('partial', 3, { 'P.ROLES': ['buyer_network'] }),
    params: {},
    text: t(
      'サプライヤーの回答（当社ネットワークへの接続・機密情報の取扱い）が発注者側の設定と一致しません。',
      "The supplier reports network access or handling of confidential data that the buyer's settings do not.",
      'このサプライヤーの要求水準の設定（3つの質問）を見直してください。',
      "Review this supplier's required-level settings (the three questions).",
    ),
  },
];

/** The finding of `code` the engine emits for a case; of per-directive findings, directive 1's. */
function emitted(c: Case): Finding {
  const r = score(catalog, c.answers, c.profile ?? crit2);
  const all = r.findings.filter((x) => x.code === c.code);
  const f = all.find((x) => x.directives[0] === 1) ?? all[0];
  if (!f) throw new Error(`${c.code} not emitted`);
  return f;
}

/** Catches a param the renderer did not find ("?") as well as a broken interpolation. */
function expectReadable(text: FindingText): void {
  for (const part of [text.message, text.recommendation]) {
    for (const s of [part.ja, part.en]) {
      expect(s.trim()).not.toBe('');
      expect(s).not.toMatch(/undefined|NaN|null|\[object|\?/);
    }
  }
}

describe('describeFinding', () => {
  it.each(CASES.map((c) => [`${c.code}${c.variant ? ` (${c.variant})` : ''}`, c] as const))(
    'renders %s from the data score() emits',
    (_, c) => {
      const f = emitted(c);
      expect(f.params).toEqual(c.params);
      expect(describeFinding(catalog, f)).toEqual(c.text);
      // A row read back from jsonb renders the same, with or without its severity.
      const { code, directives, itemIds, params } = JSON.parse(JSON.stringify(f)) as Finding;
      expect(describeFinding(catalog, { code, directives, itemIds, params })).toEqual(c.text);
    },
  );

  it('has expected words for every code it knows', () => {
    expect(new Set(CASES.map((c) => c.code))).toEqual(new Set(FINDING_CODES));
  });

  it('takes catalog texts from the catalog it is given', () => {
    const f = emitted(CASES.find((c) => c.code === 'DIRECTIVE_WEAK')!);
    const advice = { ja: '別の助言', en: 'Other advice' };
    const other: Catalog = {
      ...catalog,
      sections: catalog.sections.map((s) =>
        s.directive === 1 ? { ...s, recommendation: advice } : s,
      ),
      scoring: {
        ...catalog.scoring,
        levelLabels: { ...catalog.scoring.levelLabels, none: { ja: '未達', en: 'None yet' } },
      },
    };
    expect(describeFinding(other, f).recommendation).toEqual(advice);
    const gap = emitted(CASES.find((c) => c.variant === 'basic required')!);
    expect(describeFinding(other, gap).message.en).toBe(
      'Required level: Basic (like SCS ★3); achieved: None yet.',
    );
  });

  it('gives a weak directive without catalog advice the general advice', () => {
    const text = describeFinding(catalog, {
      code: 'DIRECTIVE_WEAK',
      directives: [42],
      itemIds: [],
      params: { maturity: 1.5 },
    });
    expect(text.message.en).toBe('Directive 42 maturity is low (1.50 of 5).');
    expect(text.recommendation).toEqual({
      ja: '実施状況を改善してください。',
      en: 'Improve the practices.',
    });
  });

  it('names an unknown code in both languages instead of failing', () => {
    for (const code of ['RETIRED_OR_FUTURE_CODE', '__proto__', 'constructor', '']) {
      const text = describeFinding(catalog, {
        code,
        directives: [1],
        itemIds: ['D01.1'],
        params: {},
      });
      expect(text.message.ja).toContain(`コード ${code}）`);
      expect(text.message.en).toContain(`(code ${code})`);
      expect(text.recommendation.ja).not.toBe('');
      expect(text.recommendation.en).not.toBe('');
    }
    expect(
      describeFinding(catalog, {
        code: 'RETIRED_OR_FUTURE_CODE',
        directives: [],
        itemIds: [],
        params: {},
      }).message,
    ).toEqual({
      ja: 'この指摘（コード RETIRED_OR_FUTURE_CODE）の説明は表示できません。',
      en: 'No description is available for this finding (code RETIRED_OR_FUTURE_CODE).',
    });
  });

  it.each(FINDING_CODES.map((code) => [code]))(
    'renders %s without throwing when its params, directives and items are missing',
    (code) => {
      const text = describeFinding(catalog, { code, directives: [], itemIds: [], params: {} });
      for (const part of [text.message, text.recommendation]) {
        for (const s of [part.ja, part.en]) {
          expect(s.trim()).not.toBe('');
          expect(s).not.toMatch(/undefined|NaN|null|\[object/);
        }
      }
      // A row damaged beyond its params renders too.
      const damaged = { code, directives: null, itemIds: undefined, params: null };
      expect(() => describeFinding(catalog, damaged as unknown as FindingData)).not.toThrow();
    },
  );

  it('shows a missing or mistyped param as "?", and never guesses a backup state', () => {
    expect(
      describeFinding(catalog, {
        code: 'SELF_RATING_CAPPED',
        directives: [3],
        itemIds: ['D03.M'],
        params: { selfRating: '5', cap: Number.NaN },
      }).message.en,
    ).toBe(
      'Directive 3: the self-rating ? is not supported by the practice answers and counts as ?.',
    );
    expect(
      describeFinding(catalog, {
        code: 'DIRECTIVE_WEAK',
        directives: [2],
        itemIds: [],
        params: { maturity: 'low' },
      }).message.ja,
    ).toBe('指示2の成熟度が低い状態です（? / 5）。');
    expect(
      describeFinding(catalog, {
        code: 'BACKUP_NOT_TESTED',
        directives: [8],
        itemIds: ['IR.BACKUP'],
        params: {},
      }).message,
    ).toEqual({
      ja: 'バックアップの取得または復元の確認ができていません。',
      en: 'Backups are missing or restoring from them has not been tested.',
    });
    const gap = describeFinding(catalog, {
      code: 'LEVEL_GAP',
      directives: [],
      itemIds: [],
      params: { requiredLevel: 'extreme', achievedLevel: 'basic' },
    });
    expect(gap.message.en).toBe('Required level: extreme; achieved: Basic (like SCS ★3).');
    expect(gap.recommendation.en).toBe('Improve the directives below ? first.');
    expect(
      describeFinding(catalog, {
        code: 'INCIDENT_REPORTING_GAPS',
        directives: [7, 10],
        itemIds: ['IR.REPORT_TO'],
        params: { missingReportTo: 'ipa,fax' },
      }).message.en,
    ).toBe('Some places to report an incident are not known (IPA, fax).');
  });

  it('renders every finding of the answer fixtures in full in both languages', () => {
    const findings = Object.values(ANSWER_FIXTURES).flatMap(
      (fixture) => score(catalog, fixture.answers, fixture.profile).findings,
    );
    expect(findings.length).toBeGreaterThan(10);
    for (const f of findings) {
      expect(FINDING_CODES).toContain(f.code);
      expectReadable(describeFinding(catalog, f));
    }
  });

  it('renders every finding score() emits for any answer set in full in both languages', () => {
    fc.assert(
      fc.property(answersArb(catalog), profileArb, (answers, profile) => {
        for (const f of score(catalog, answers, profile).findings) {
          expect(FINDING_CODES).toContain(f.code);
          for (const v of Object.values(f.params)) expect(['string', 'number']).toContain(typeof v);
          expectReadable(describeFinding(catalog, f));
        }
      }),
      { numRuns: 300 },
    );
  });
});
