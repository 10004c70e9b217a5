// Section: 5分でできる！情報セキュリティ自社診断 (第3.1版 付録3, DOMAIN.md §3.3), asked only of
// suppliers that claim ★★, whose declaration rests on it. Questions are our paraphrase; the topic
// labels are ours. Replace with IPA's wording once the terms of use are checked (DOMAIN.md §11.7).
import type { CatalogSection } from '../catalog.types';
import { ITEM, SECTION, SELF_CHECK_IDS } from '../item-ids';
import { IPA4_OPTIONS } from '../scales';

const t = (ja: string, en: string) => ({ ja, en });

const PARTS = [
  t('Part1 基本的対策', 'Part 1: Basic measures'),
  t('Part2 従業員としての対策', 'Part 2: Measures by employees'),
  t('Part3 組織としての対策', 'Part 3: Organisational measures'),
];

const QUESTIONS: [part: number, ja: string, en: string][] = [
  [
    0,
    'OS・ソフト更新：パソコンやスマホの OS やソフトウェアを常に最新の状態にしているか',
    'Are OS and software on PCs and phones kept up to date?',
  ],
  [
    0,
    'ウイルス対策：ウイルス対策ソフトを導入し、定義ファイルを最新にしているか',
    'Is anti-malware installed with current definitions?',
  ],
  [
    0,
    'パスワード：推測や解析されにくい強固なパスワードを使っているか',
    'Are passwords strong enough to resist guessing and cracking?',
  ],
  [
    0,
    'アクセス制限：重要情報へのアクセスを適切に制限しているか',
    'Is access to important information restricted appropriately?',
  ],
  [
    0,
    '脅威情報の共有：新たな脅威や攻撃の手口を知り、対策を社内で共有しているか',
    'Are new threats learned about and countermeasures shared internally?',
  ],
  [
    1,
    'メール経由感染：メールの添付ファイルや本文中のリンクに注意しているか',
    'Do staff watch out for malicious attachments and links in email?',
  ],
  [
    1,
    '誤送信防止：メールや FAX の宛先の誤りを防ぐ対策をしているか',
    'Are there measures against sending email or fax to the wrong recipient?',
  ],
  [
    1,
    '重要情報の送付：重要情報を本文に書かず、保護したファイルで送っているか',
    'Is important information sent in protected files rather than in the message body?',
  ],
  [
    1,
    '無線LAN：無線LANを適切な暗号化設定で安全に使っているか',
    'Is Wi-Fi used safely with proper encryption?',
  ],
  [
    1,
    'Web・SNS：インターネット経由の感染や SNS 投稿のトラブルへの対策をしているか',
    'Are there measures against web-borne infection and trouble from social media posts?',
  ],
  [1, 'バックアップ：重要情報のバックアップを取っているか', 'Are backups of important data taken?'],
  [
    1,
    '保管：重要情報が記載された書類や媒体を机上に放置せず安全に保管しているか',
    'Are documents and media with important information stored securely?',
  ],
  [
    1,
    '持ち出し：重要情報を持ち出す際の盗難・紛失対策をしているか',
    'Are there anti-theft and anti-loss measures when taking them outside?',
  ],
  [
    1,
    '離席時：離席時に画面ののぞき見や無断使用を防いでいるか',
    'Are screens protected when staff leave their seats?',
  ],
  [
    1,
    '入室制限：関係者以外の事務所への立ち入りを制限しているか',
    'Is entry to the office restricted to people with business there?',
  ],
  [
    1,
    '退社時施錠保管：退社時にノートパソコンや機器を施錠保管しているか',
    'Are notebook PCs and equipment locked away at the end of the day?',
  ],
  [
    1,
    '無人時施錠：事務所が無人になるときの施錠忘れ対策をしているか',
    'Are there measures against leaving the office unlocked?',
  ],
  [
    1,
    '廃棄：重要情報を復元できない方法で廃棄しているか',
    'Is important information disposed of so it cannot be recovered?',
  ],
  [
    2,
    '守秘義務：従業員が守秘義務を理解し、業務上知り得た情報を漏らさないルールを守っているか',
    'Do employees understand and follow their confidentiality duty?',
  ],
  [
    2,
    '教育・注意喚起：従業員にセキュリティ教育や注意喚起を行っているか',
    'Do employees get security training and reminders?',
  ],
  [
    2,
    '私物端末：業務に使う私物端末のセキュリティ要件を定めているか',
    'Are security requirements set for personal devices used for work?',
  ],
  [
    2,
    '秘密保持条項：重要情報をやり取りする取引先との契約に秘密保持条項があるか',
    'Do contracts with partners exchanging important information include confidentiality clauses?',
  ],
  [
    2,
    '外部サービス選定：クラウド等の外部サービスを安全性・信頼性を確認して選んでいるか',
    'Are cloud and other external services chosen after checking safety and reliability?',
  ],
  [
    2,
    '事故対応準備：緊急時の体制や対応手順を整えているか',
    'Are an emergency structure and response procedures in place?',
  ],
  [
    2,
    'ルール化・周知：上記の対策をルールとして文書化し、従業員に周知しているか',
    'Are the measures above written down as rules and communicated to employees?',
  ],
];

const claimsStar2 = { itemId: ITEM.saLevel, anyOf: ['star2'] };

export const SELF_CHECK_SECTION: CatalogSection = {
  id: SECTION.selfCheck,
  title: t('情報セキュリティ自社診断（25項目）', 'Information security self-check (25 items)'),
  description: t(
    '★★二つ星の宣言の前提となる自社診断の結果を伺います（実施している4点・一部実施2点・実施していない0点・わからない−1点、満点100点）。',
    'The self-check a ★★ declaration rests on (done 4, partly 2, not done 0, don’t know −1; 100 max).',
  ),
  items: [
    {
      id: ITEM.selfCheckDate,
      kind: 'date',
      notAfter: 'today',
      required: true,
      ordered: true,
      conditions: [claimsStar2],
      evidence: { kind: 'validForMonths', months: 12 },
      text: t('直近に自社診断を実施した日', 'Date of your latest self-check'),
      help: t(
        '自社診断は年1回以上の実施をお勧めします。',
        'Run the self-check at least once a year.',
      ),
    },
    ...QUESTIONS.map(([part, ja, en], i) => ({
      id: SELF_CHECK_IDS[i],
      kind: 'single' as const,
      required: true,
      ordered: true,
      conditions: [claimsStar2],
      text: { ja: `${i + 1}. ${ja}`, en: `${i + 1}. ${en}` },
      help: PARTS[part],
      options: IPA4_OPTIONS,
    })),
  ],
};
