// Section: services of the 情報セキュリティサービス基準 (DOMAIN.md §5). A provider on IPA's
// 情報セキュリティサービス基準適合サービスリスト counts as higher assurance than an unlisted one.
import type { CatalogSection } from '../catalog.types';
import { ITEM } from '../item-ids';

const t = (ja: string, en: string) => ({ ja, en });
const usedAny = {
  itemId: ITEM.ssKinds,
  anyOf: ['audit', 'vulnerability', 'forensics', 'monitoring', 'device'],
};

export const AUDITED_SERVICES_SECTION: CatalogSection = {
  id: 'audited-services',
  title: t('情報セキュリティサービスの利用', 'Use of audited security services'),
  description: t(
    '過去12か月に利用した外部のセキュリティサービスを伺います。',
    'External security services used in the last 12 months.',
  ),
  items: [
    {
      id: ITEM.ssKinds,
      kind: 'multi',
      required: true,
      ordered: true,
      text: t(
        '過去12か月に利用したサービス（該当するものすべて）',
        'Services used in the last 12 months (all that apply)',
      ),
      help: t(
        '利用がなければ「いずれも該当しない」を選んでください。',
        'If you used none, choose "None of these".',
      ),
      options: [
        { code: 'audit', label: t('情報セキュリティ監査サービス', 'Information security audit') },
        {
          code: 'vulnerability',
          label: t(
            '脆弱性診断サービス（ペネトレーションテストを含む）',
            'Vulnerability assessment (incl. penetration test)',
          ),
        },
        { code: 'forensics', label: t('デジタルフォレンジックサービス', 'Digital forensics') },
        {
          code: 'monitoring',
          label: t('セキュリティ監視・運用サービス', 'Security monitoring and operation'),
        },
        { code: 'device', label: t('機器検証サービス', 'Device verification') },
      ],
    },
    {
      id: ITEM.ssListed,
      kind: 'yesno',
      required: true,
      ordered: true,
      conditions: [usedAny],
      text: t(
        '提供事業者のサービスは IPA「情報セキュリティサービス基準適合サービスリスト」に掲載されていますか',
        "Is the provider's service on IPA's list of services meeting the information security service standards?",
      ),
    },
    {
      id: ITEM.ssLast,
      kind: 'date',
      notAfter: 'today',
      required: true,
      ordered: true,
      conditions: [usedAny],
      evidence: { kind: 'validForMonths', months: 12 },
      text: t('直近の実施日', 'Date of the latest engagement'),
    },
    {
      id: 'SS.REPORT',
      kind: 'file',
      required: false,
      conditions: [usedAny],
      text: t('報告書（任意）', 'Report (optional)'),
    },
  ],
};
