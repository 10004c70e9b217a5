// Section: SECURITY ACTION self-declaration (DOMAIN.md §3.1) and the 情報セキュリティ5か条 (§3.2,
// 第3.1版 付録1). The 5か条 are asked of every supplier: they are the floor for any company size.
import type { CatalogSection } from '../catalog.types';
import { FIVE_RULE_IDS, ITEM } from '../item-ids';
import { IPA4_OPTIONS, whenYes } from '../scales';

const t = (ja: string, en: string) => ({ ja, en });

const declared = { itemId: ITEM.saLevel, anyOf: ['star1', 'star2'] };

const FIVE_RULES = [
  t('OSやソフトウェアは常に最新の状態にしよう！', 'Keep OS and software up to date'),
  t('ウイルス対策ソフトを導入しよう！', 'Install anti-malware software'),
  t('パスワードを強化しよう！', 'Strengthen passwords'),
  t('共有設定を見直そう！', 'Review sharing settings'),
  t('脅威や攻撃の手口を知ろう！', 'Learn about threats and attack methods'),
];

export const SECURITY_ACTION_SECTION: CatalogSection = {
  id: 'security-action',
  title: t('SECURITY ACTION と情報セキュリティ5か条', 'SECURITY ACTION and the 5 basic rules'),
  description: t(
    'SECURITY ACTION は IPA の自己宣言制度です（認定・認証ではありません）。中小企業の情報セキュリティ対策ガイドライン第3.1版に基づきます。',
    "SECURITY ACTION is IPA's self-declaration scheme (not a certification). Based on the SME information security guidelines, edition 3.1.",
  ),
  items: [
    {
      id: ITEM.saLevel,
      kind: 'single',
      required: true,
      ordered: true,
      text: t('SECURITY ACTION の宣言状況', 'SECURITY ACTION declaration'),
      help: t(
        '★一つ星は5か条への取組の宣言、★★二つ星は自社診断の実施と基本方針の策定・公表の宣言です。',
        '★ declares work on the 5 basic rules; ★★ declares a self-check run and a published basic policy.',
      ),
      options: [
        { code: 'none', label: t('宣言していない', 'Not declared'), score: 0 },
        { code: 'star1', label: t('★一つ星を宣言した', 'Declared ★ (one star)'), score: 2 },
        { code: 'star2', label: t('★★二つ星を宣言した', 'Declared ★★ (two stars)'), score: 4 },
      ],
    },
    {
      id: ITEM.saId,
      kind: 'text',
      required: true,
      maxLength: 20,
      conditions: [declared],
      text: t('自己宣言ID', 'Self-declaration ID'),
      help: t(
        'IPA の SECURITY ACTION 管理システムで発行された ID です。',
        'The ID issued by IPA’s SECURITY ACTION system.',
      ),
    },
    {
      id: ITEM.saDate,
      kind: 'date',
      notAfter: 'today',
      required: true,
      conditions: [declared],
      text: t('宣言日', 'Declaration date'),
    },
    ...FIVE_RULES.map((title, i) => ({
      id: FIVE_RULE_IDS[i],
      kind: 'single' as const,
      required: true,
      ordered: true,
      text: { ja: `5か条 その${i + 1}：${title.ja}`, en: `Basic rule ${i + 1}: ${title.en}` },
      options: IPA4_OPTIONS,
    })),
    {
      id: ITEM.saPolicy,
      kind: 'yesno',
      required: true,
      ordered: true,
      text: t(
        '情報セキュリティ基本方針を定め、社外に公表していますか',
        'Have you set and published a basic information security policy?',
      ),
    },
    {
      id: ITEM.saPolicyUrl,
      kind: 'text',
      required: true,
      format: 'url',
      maxLength: 500,
      conditions: [whenYes(ITEM.saPolicy)],
      text: t('基本方針を公表している URL', 'URL of the published policy'),
    },
  ],
};
