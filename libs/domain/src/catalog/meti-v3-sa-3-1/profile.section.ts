// Section 1: who the supplier is and what it does for the buyer. These answers are facts, not
// quality: they choose which later items apply and how the result is worded, never the risk number.
import type { CatalogSection } from '../catalog.types';
import { ITEM } from '../item-ids';

const t = (ja: string, en: string) => ({ ja, en });

export const PROFILE_SECTION: CatalogSection = {
  id: 'profile',
  title: t('会社概要', 'Company profile'),
  description: t(
    '中小企業基本法の区分と、当社（発注者）に対して提供する業務の内容を伺います。',
    'Size class under the SME Basic Act, and what you do for us (the buyer).',
  ),
  items: [
    {
      id: ITEM.industry,
      kind: 'single',
      required: true,
      text: t('主たる業種', 'Main industry'),
      options: [
        {
          code: 'manufacturing',
          label: t(
            '製造業・建設業・運輸業・その他',
            'Manufacturing, construction, transport, other',
          ),
        },
        { code: 'wholesale', label: t('卸売業', 'Wholesale') },
        { code: 'services', label: t('サービス業', 'Services') },
        { code: 'retail', label: t('小売業', 'Retail') },
      ],
    },
    {
      id: ITEM.capital,
      kind: 'number',
      required: true,
      min: 0,
      max: 100_000_000,
      text: t('資本金または出資の総額（万円）', 'Paid-in capital (10,000 yen units)'),
    },
    {
      id: ITEM.employees,
      kind: 'number',
      required: true,
      min: 0,
      max: 10_000_000,
      text: t('常時使用する従業員数', 'Number of regular employees'),
    },
    {
      id: ITEM.sizeClass,
      kind: 'single',
      required: true,
      text: t('企業規模の区分', 'Size class'),
      help: t(
        '中小企業基本法の定義：製造業その他は資本金3億円以下または従業員300人以下、卸売業は1億円以下または100人以下、サービス業は5,000万円以下または100人以下、小売業は5,000万円以下または50人以下。小規模企業者は従業員20人以下（商業・サービス業は5人以下）。',
        'SME Basic Act: manufacturing and other, capital ≤ 300M yen or ≤ 300 employees; wholesale ≤ 100M yen or ≤ 100; services ≤ 50M yen or ≤ 100; retail ≤ 50M yen or ≤ 50. Small enterprises: ≤ 20 employees (≤ 5 in commerce and services).',
      ),
      options: [
        { code: 'small', label: t('小規模企業者', 'Small enterprise') },
        { code: 'sme', label: t('中小企業', 'SME') },
        { code: 'large', label: t('大企業（中小企業に該当しない）', 'Large company (not an SME)') },
      ],
    },
    {
      id: ITEM.roles,
      kind: 'multi',
      required: true,
      text: t(
        '当社に対して行っている業務（該当するものすべて）',
        'What you do for us (all that apply)',
      ),
      help: t(
        '該当がなければ「いずれも該当しない」を選んでください。',
        'If none applies, choose "None of these".',
      ),
      options: [
        {
          code: 'personal_data',
          label: t('個人情報・機密情報を取り扱う', 'Handle personal or confidential data'),
        },
        {
          code: 'buyer_network',
          label: t('当社のネットワークやシステムに接続する', 'Connect to our networks or systems'),
        },
        {
          code: 'software',
          label: t('ソフトウェアやクラウドサービスを提供する', 'Supply software or cloud services'),
        },
        {
          code: 'iot',
          label: t(
            'IoT製品（ネットワーク接続機器）を納入する',
            'Deliver IoT products (networked devices)',
          ),
        },
        { code: 'onsite', label: t('当社の事業所で作業する', 'Work on our premises') },
      ],
    },
  ],
};
