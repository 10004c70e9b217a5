// Answer scales shared by many items. Option codes follow the 自社診断 scale (DOMAIN.md §3.3) so
// that practice answers, the 5か条 and the self-check line up.
import type { CatalogOption, ItemCondition, MaturityLevel } from './catalog.types';

const t = (ja: string, en: string) => ({ ja, en });

/** 自社診断 4-point scale, official points 4/2/0/−1 (DOMAIN.md §3.3). */
export const IPA4_OPTIONS: CatalogOption[] = [
  { code: 'done', label: t('実施している', 'Done'), score: 4 },
  { code: 'partial', label: t('一部実施している', 'Partly done'), score: 2 },
  { code: 'not_done', label: t('実施していない', 'Not done'), score: 0 },
  { code: 'unknown', label: t('わからない', "Don't know"), score: -1, flag: 'unknown' },
];

/** Practice items: the same codes, but わからない carries no points (it is excluded, not 0). */
export const PRACTICE_OPTIONS: CatalogOption[] = [
  { code: 'done', label: t('実施している', 'Done'), score: 4 },
  { code: 'partial', label: t('一部実施している', 'Partly done'), score: 2 },
  { code: 'not_done', label: t('実施していない', 'Not done'), score: 0 },
  { code: 'unknown', label: t('わからない', "Don't know"), flag: 'unknown' },
];

/** For practices that some suppliers legitimately do not have (e.g. no contractors). */
export const PRACTICE_OPTIONS_NA: CatalogOption[] = [
  ...PRACTICE_OPTIONS,
  { code: 'na', label: t('該当しない', 'Not applicable'), flag: 'na' },
];

/**
 * Proposed level definitions (DOMAIN.md §2.3 [I]); they follow a COBIT/CMMI-style scale, not the
 * wording of IPA's 可視化ツール, which we do not have yet. The UI says "based on".
 */
export const MATURITY_LEVELS: MaturityLevel[] = [
  {
    level: 1,
    label: t('未実施・場当たり的', 'Not done or ad hoc'),
    description: t(
      '実施していない、または方針なく場当たり的に対応している。',
      'Not done, or done ad hoc with no policy.',
    ),
  },
  {
    level: 2,
    label: t('属人的に実施', 'Depends on individuals'),
    description: t(
      '実施しているが、特定の担当者に依存し文書化されていない。',
      'Done, but depends on individuals; not documented.',
    ),
  },
  {
    level: 3,
    label: t('規程化・組織的に実施', 'Defined and organisation-wide'),
    description: t(
      '規程や手順として定め、組織全体で実施している。',
      'Defined in policy or procedure and done across the organisation.',
    ),
  },
  {
    level: 4,
    label: t('定期的に評価・管理', 'Measured and reviewed'),
    description: t(
      '定期的に測定・見直しを行い、経営層に報告している。',
      'Measured, reviewed regularly, reported to management.',
    ),
  },
  {
    level: 5,
    label: t('継続的改善・最適化', 'Continuously improved'),
    description: t(
      '継続的に改善し、他社と比較し、社外にも開示している。',
      'Improved continuously, benchmarked, disclosed externally.',
    ),
  },
];

export const whenYes = (itemId: string): ItemCondition => ({ itemId, anyOf: [true] });
