// 指示7–8: インシデント発生に備えた体制構築.
import { directiveSection } from './directive-section';

const t = (ja: string, en: string) => ({ ja, en });

export const DIRECTIVE_07 = directiveSection({
  directive: 7,
  title: t(
    '指示7 インシデント発生時の緊急対応体制の整備',
    'Directive 7: Prepare an incident response structure',
  ),
  practices: [
    {
      text: t(
        'インシデント対応の体制（CSIRT や担当者と連絡網）がある',
        'An incident response team or named people with a call list exist',
      ),
    },
    {
      text: t(
        '取引先を含む関係者への報告・公表の手順と義務を把握している',
        'Reporting and disclosure duties, including to customers, are known and written down',
      ),
    },
    {
      text: t('インシデント対応の訓練や演習を実施している', 'Incident response exercises are held'),
    },
  ],
  recommendation: t(
    '緊急時の連絡網と対応手順を定め、当社を含む取引先への報告期限を決めて、年1回は訓練してください。',
    'Write a call list and response procedure, set the deadline for telling customers like us, and exercise it yearly.',
  ),
});

export const DIRECTIVE_08 = directiveSection({
  directive: 8,
  title: t(
    '指示8 インシデントによる被害に備えた事業継続・復旧体制の整備',
    'Directive 8: Prepare business continuity and recovery',
  ),
  practices: [
    {
      text: t(
        '重要業務の復旧目標時間を定めている',
        'Recovery time targets are set for key operations',
      ),
    },
    {
      text: t(
        '復旧手順があり、バックアップからの復元を確認している',
        'Recovery procedures exist and restoring from backup has been checked',
      ),
    },
    {
      text: t(
        'サイバー攻撃を事業継続計画（BCP）の想定に含めている',
        'The business continuity plan (BCP) covers cyber attacks',
      ),
    },
  ],
  recommendation: t(
    'バックアップからの復元を定期的に試し、サイバー攻撃を想定した事業継続計画を作ってください。',
    'Test restoring from backup regularly and extend the business continuity plan to cyber attacks.',
  ),
});
