// 指示4–6: サイバーセキュリティリスクの特定と対策の実装.
import { directiveSection } from './directive-section';

const t = (ja: string, en: string) => ({ ja, en });

export const DIRECTIVE_04 = directiveSection({
  directive: 4,
  title: t(
    '指示4 サイバーセキュリティリスクの把握とリスク対応に関する計画の策定',
    'Directive 4: Identify cyber risks and plan the response',
  ),
  practices: [
    {
      text: t(
        '守るべき情報・システム・クラウドサービス・テレワーク環境を一覧にしている',
        'Information, systems, cloud services and telework setups to protect are listed',
      ),
    },
    {
      text: t(
        '脅威と影響（操作ミスや内部不正を含む）を評価している',
        'Threats and impacts (including mistakes and insider fraud) are assessed',
      ),
    },
    {
      text: t(
        'リスク対応計画があり、保険や専門業者の活用も検討している',
        'A risk treatment plan exists, considering insurance and specialist vendors',
      ),
    },
    {
      text: t(
        '対策後に残るリスクを把握し、経営層が受け入れを判断している',
        'Residual risk is known and accepted by management',
      ),
    },
  ],
  recommendation: t(
    '守るべき情報資産の一覧を作り、脅威と影響を評価して対応計画（保険の活用を含む）を立ててください。',
    'List the information assets to protect, assess threats and impacts, and write a treatment plan (including insurance).',
  ),
});

export const DIRECTIVE_05 = directiveSection({
  directive: 5,
  title: t(
    '指示5 サイバーセキュリティリスクに効果的に対応する仕組みの構築',
    'Directive 5: Build mechanisms that respond effectively to cyber risk',
  ),
  practices: [
    {
      text: t(
        '重要な端末・ネットワーク・システム・クラウドを多層的に防御している',
        'Important endpoints, networks, systems and cloud are protected in depth',
      ),
    },
    {
      text: t(
        '攻撃や異常を検知・分析する仕組み（EDR、UTM、監視サービス等）がある',
        'Attacks and anomalies are detected and analysed (EDR, UTM, a monitoring service, …)',
      ),
    },
    {
      text: t(
        '従業員に定期的な訓練（標的型メール訓練等）を行っている',
        'Staff are trained regularly (e.g. phishing drills)',
      ),
    },
    {
      text: t(
        'リスクの変化に応じて仕組みを見直している',
        'The mechanisms are reviewed when risks change',
      ),
    },
  ],
  recommendation: t(
    '端末とネットワークの防御に加え、異常を検知する監視（EDR・UTM や監視サービス）を導入してください。',
    'On top of endpoint and network protection, add monitoring that detects anomalies (EDR, UTM or a monitoring service).',
  ),
});

export const DIRECTIVE_06 = directiveSection({
  directive: 6,
  title: t(
    '指示6 PDCAサイクルによるサイバーセキュリティ対策の継続的改善',
    'Directive 6: Improve continuously with a PDCA cycle',
  ),
  practices: [
    {
      text: t(
        '対策の実施状況を定期的に点検し、改善計画を立てている',
        'The state of the measures is checked regularly and improvements are planned',
      ),
    },
    {
      text: t(
        '経営層が定期的に報告を受け、問題の是正を確認している',
        'Management gets regular reports and makes sure problems are fixed',
      ),
    },
    {
      text: t(
        'ISMS 等の認証や第三者評価を活用している',
        'Certification (e.g. ISMS) or third-party assessment is used',
      ),
    },
  ],
  recommendation: t(
    '年1回以上、対策の点検結果を経営層に報告し、改善の実施を確認する仕組みを作ってください。',
    'At least yearly, report the check results to management and track that fixes are made.',
  ),
});
