// 指示9: サプライチェーンセキュリティ対策の推進; 指示10: ステークホルダーとのコミュニケーション.
import { directiveSection } from './directive-section';

const t = (ja: string, en: string) => ({ ja, en });

export const DIRECTIVE_09 = directiveSection({
  directive: 9,
  title: t(
    '指示9 ビジネスパートナーや委託先等を含めたサプライチェーン全体の状況把握及び対策',
    'Directive 9: Understand and secure the whole supply chain, including partners and contractors',
  ),
  practices: [
    {
      text: t(
        '委託先や再委託先のセキュリティ対策状況を把握している',
        "Your contractors' and subcontractors' security is known",
      ),
      allowNa: true,
    },
    {
      text: t(
        '契約でセキュリティの役割・責任や秘密保持を定めている',
        'Contracts set security roles, responsibilities and confidentiality',
      ),
    },
    {
      text: t(
        '委託先に SECURITY ACTION の宣言や認証取得を求めている',
        'Contractors are asked to declare SECURITY ACTION or hold a certification',
      ),
      allowNa: true,
    },
  ],
  recommendation: t(
    '委託先との契約にセキュリティ要件と秘密保持を盛り込み、SECURITY ACTION の宣言状況を確認してください。',
    'Put security requirements and confidentiality into contracts with your contractors and check their SECURITY ACTION declaration.',
  ),
});

export const DIRECTIVE_10 = directiveSection({
  directive: 10,
  title: t(
    '指示10 サイバーセキュリティに関する情報の収集、共有及び開示の促進',
    'Directive 10: Collect, share and disclose cybersecurity information',
  ),
  practices: [
    {
      text: t(
        'IPA や JPCERT/CC 等から脅威情報を収集し、社内で活用している',
        'Threat information from IPA, JPCERT/CC and others is collected and used',
      ),
    },
    {
      text: t(
        '業界団体や地域（商工会議所等）で情報を共有している',
        'Information is shared through industry groups or locally (chambers of commerce, …)',
      ),
    },
    {
      text: t(
        '被害を受けた場合に報告・公表する準備がある',
        'The company is ready to report or publish an incident it suffers',
      ),
    },
  ],
  recommendation: t(
    'IPA の「重要なセキュリティ情報」や JPCERT/CC の注意喚起を定期的に確認する担当を決めてください。',
    "Name someone to follow IPA's security alerts and JPCERT/CC advisories regularly.",
  ),
});
