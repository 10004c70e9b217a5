// Section: サイバーセキュリティお助け隊サービス (DOMAIN.md §4). A registered service bundles a
// help desk, 24-hour monitoring, on-site incident help and simple cyber insurance.
import type { CatalogSection } from '../catalog.types';
import { ITEM } from '../item-ids';
import { whenYes } from '../scales';

const t = (ja: string, en: string) => ({ ja, en });
const uses = whenYes(ITEM.otUses);

export const OTASUKETAI_SECTION: CatalogSection = {
  id: 'otasuketai',
  title: t('サイバーセキュリティお助け隊サービス', 'Cyber security Otasuketai service'),
  description: t(
    'IPA の「サイバーセキュリティお助け隊サービスリスト」に登録されたサービスの利用状況を伺います。',
    "Use of a service registered on IPA's Otasuketai service list.",
  ),
  items: [
    {
      id: ITEM.otUses,
      kind: 'yesno',
      required: true,
      ordered: true,
      text: t(
        'お助け隊サービス（IPA 登録サービス）を利用していますか',
        'Do you use a registered Otasuketai service?',
      ),
    },
    {
      id: 'OT.SERVICE',
      kind: 'text',
      required: true,
      maxLength: 200,
      conditions: [uses],
      text: t('サービス名と提供事業者', 'Service name and provider'),
    },
    {
      id: 'OT.CLASS',
      kind: 'single',
      required: true,
      conditions: [uses],
      text: t('サービスの類型', 'Service class'),
      options: [
        { code: 'type1', label: t('1類', 'Class 1') },
        { code: 'type2', label: t('2類', 'Class 2') },
        { code: 'unknown', label: t('わからない', "Don't know") },
      ],
    },
    {
      id: 'OT.SINCE',
      kind: 'date',
      notAfter: 'today',
      required: true,
      conditions: [uses],
      text: t('利用開始日', 'In use since'),
    },
    {
      id: ITEM.otCovers,
      kind: 'multi',
      required: true,
      ordered: true,
      conditions: [uses],
      text: t(
        '契約に含まれる内容（該当するものすべて）',
        'What the contract covers (all that apply)',
      ),
      options: [
        {
          code: 'monitoring_edr',
          label: t('端末の異常監視（EDR 等）', 'Endpoint monitoring (EDR etc.)'),
        },
        {
          code: 'monitoring_utm',
          label: t('ネットワークの異常監視（UTM 等）', 'Network monitoring (UTM etc.)'),
        },
        {
          code: 'onsite_response',
          label: t('緊急時の対応支援・駆付け', 'Incident help with on-site dispatch'),
        },
        { code: 'helpdesk', label: t('相談窓口', 'Help desk') },
        { code: 'insurance', label: t('簡易サイバー保険', 'Simple cyber insurance') },
      ],
    },
  ],
};
