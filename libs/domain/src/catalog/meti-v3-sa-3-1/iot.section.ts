// Section: JC-STAR labels for delivered IoT products (DOMAIN.md §6), only for suppliers that
// deliver IoT products. Kept to the highest level held; a label is valid up to 2 years.
import type { CatalogSection } from '../catalog.types';
import { ITEM } from '../item-ids';

const t = (ja: string, en: string) => ({ ja, en });
const deliversIot = { itemId: ITEM.roles, anyOf: ['iot'] };
const labelled = { itemId: ITEM.iotLevel, anyOf: ['star1', 'star2', 'star3', 'star4'] };

export const IOT_SECTION: CatalogSection = {
  id: 'iot',
  title: t('IoT製品のセキュリティ（JC-STAR）', 'IoT product security (JC-STAR)'),
  description: t(
    '当社に納入する IoT 製品の JC-STAR 適合ラベルについて伺います。',
    'JC-STAR conformity labels of the IoT products you deliver to us.',
  ),
  items: [
    {
      id: 'IOT.PRODUCTS',
      kind: 'text',
      required: true,
      maxLength: 500,
      conditions: [deliversIot],
      text: t('納入する IoT 製品（製品名・型番）', 'IoT products delivered (name, model)'),
    },
    {
      id: ITEM.iotLevel,
      kind: 'single',
      required: true,
      ordered: true,
      conditions: [deliversIot],
      text: t('取得している JC-STAR ラベルの最高レベル', 'Highest JC-STAR label level held'),
      help: t(
        '★1・★2 は自己適合宣言、★3・★4 は評価機関の評価に基づきます。',
        '★1 and ★2 are self-assessed; ★3 and ★4 rest on an evaluation body’s report.',
      ),
      options: [
        { code: 'none', label: t('取得していない', 'None'), score: 0 },
        { code: 'star1', label: t('★1', '★1'), score: 1 },
        { code: 'star2', label: t('★2', '★2'), score: 2 },
        { code: 'star3', label: t('★3', '★3'), score: 3 },
        { code: 'star4', label: t('★4', '★4'), score: 4 },
      ],
    },
    {
      id: 'IOT.LABEL_ID',
      kind: 'text',
      required: true,
      maxLength: 50,
      conditions: [labelled],
      text: t('ラベル（登録）番号', 'Label (registration) number'),
    },
    {
      id: ITEM.iotExpires,
      kind: 'date',
      required: true,
      ordered: true,
      conditions: [labelled],
      evidence: { kind: 'expiresOn' },
      text: t('ラベルの有効期限', 'Label expiry date'),
    },
    {
      id: 'IOT.PLAN',
      kind: 'date',
      required: false,
      conditions: [{ itemId: ITEM.iotLevel, anyOf: ['none'] }],
      text: t('★1 取得の予定日（任意）', 'Planned date for ★1 (optional)'),
    },
  ],
};
