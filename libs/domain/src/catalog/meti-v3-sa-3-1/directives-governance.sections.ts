// 指示1–3: サイバーセキュリティリスクの管理体制構築.
import { directiveSection } from './directive-section';

const t = (ja: string, en: string) => ({ ja, en });

export const DIRECTIVE_01 = directiveSection({
  directive: 1,
  title: t(
    '指示1 サイバーセキュリティリスクの認識、組織全体での対応方針の策定',
    'Directive 1: Recognise cyber risk and set an organisation-wide policy',
  ),
  practices: [
    {
      text: t(
        '経営層がサイバーリスクを経営リスクの一つとして扱い、その責任を負っている',
        'Management treats cyber risk as a business risk it is accountable for',
      ),
    },
    {
      text: t(
        '全社のセキュリティ方針を文書で定め、事業戦略と整合させている',
        'A written company-wide security policy exists and fits the business strategy',
      ),
    },
    {
      text: t(
        'セキュリティ方針を社外（取引先や顧客）にも示している',
        'The policy is also shown outside the company (partners, customers)',
      ),
    },
  ],
  recommendation: t(
    '経営者の名前でセキュリティ基本方針を定め、社内外に公表してください（IPA の基本方針サンプルが参考になります）。',
    "Set a basic security policy in management's name and publish it inside and outside the company (IPA's sample policy helps).",
  ),
});

export const DIRECTIVE_02 = directiveSection({
  directive: 2,
  title: t(
    '指示2 サイバーセキュリティリスク管理体制の構築',
    'Directive 2: Build a cyber-risk management structure',
  ),
  practices: [
    {
      text: t(
        'セキュリティの責任者（CISO 等）と役割・責任を定めている',
        'A security lead (CISO or similar) is named, with roles and responsibilities',
      ),
    },
    {
      text: t(
        'セキュリティ管理の体制を内部統制や他のリスク管理の体制と整合させている',
        'Security management is aligned with internal control and other risk management',
      ),
    },
    {
      text: t(
        '自社で行う業務と外部に委託する業務の分担を決めている',
        'The split between in-house and outsourced security work is decided',
      ),
    },
    {
      text: t(
        '監査役や内部監査がセキュリティ管理体制を確認している',
        'Auditors or internal audit review the security structure',
      ),
      allowNa: true,
    },
  ],
  recommendation: t(
    'セキュリティの責任者を任命し、担当範囲と外部委託の分担を文書にしてください。',
    'Appoint a security lead and write down their scope and what is outsourced.',
  ),
});

export const DIRECTIVE_03 = directiveSection({
  directive: 3,
  title: t(
    '指示3 サイバーセキュリティ対策のための資源（予算、人材等）確保',
    'Directive 3: Secure resources (budget, people) for cybersecurity',
  ),
  practices: [
    {
      text: t(
        'セキュリティ対策の予算を毎年確保している',
        'A security budget is set aside every year',
      ),
    },
    {
      text: t(
        '対策を担う人員（社内または外部）を確保している',
        'People (in-house or external) are assigned to carry out the measures',
      ),
    },
    {
      text: t(
        '全従業員に役割に応じたセキュリティ教育を実施している',
        'All staff receive security training suited to their role',
      ),
    },
  ],
  recommendation: t(
    'セキュリティ対策の年間予算と担当者を決め、全従業員向けの教育を計画してください。',
    'Set a yearly security budget and owner, and plan training for all staff.',
  ),
});
