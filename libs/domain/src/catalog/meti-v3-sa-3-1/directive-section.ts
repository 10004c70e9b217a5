// Builds one directive section: several practice items in our own words (DOMAIN.md §2.2, not the
// official 可視化ツール questions) and one self-rated maturity level on the §2.3 scale.
import type { CatalogSection, LocalizedText } from '../catalog.types';
import { MATURITY_LEVELS, PRACTICE_OPTIONS, PRACTICE_OPTIONS_NA } from '../scales';

export interface PracticeSpec {
  text: LocalizedText;
  help?: LocalizedText;
  /** Offer 該当しない for practices some suppliers legitimately lack. */
  allowNa?: boolean;
}

export interface DirectiveSpec {
  directive: number;
  /** Official title (サイバーセキュリティ経営ガイドライン Ver3.0). */
  title: LocalizedText;
  practices: PracticeSpec[];
  recommendation: LocalizedText;
}

export const directiveCode = (n: number): string => `D${String(n).padStart(2, '0')}`;

export function directiveSection(spec: DirectiveSpec): CatalogSection {
  const code = directiveCode(spec.directive);
  return {
    id: `csm-${code.toLowerCase()}`,
    directive: spec.directive,
    title: spec.title,
    description: {
      ja: 'サイバーセキュリティ経営ガイドライン Ver3.0 に基づく当社独自の設問です（IPA「可視化ツール」の公式設問ではありません）。',
      en: 'Our own questions based on the Cyber Security Management Guidelines Ver3.0 (not the official questions of the IPA visualisation tool).',
    },
    recommendation: spec.recommendation,
    items: [
      ...spec.practices.map((p, i) => ({
        id: `${code}.${i + 1}`,
        kind: 'single' as const,
        required: true,
        directive: spec.directive,
        ordered: true,
        text: p.text,
        ...(p.help ? { help: p.help } : {}),
        options: p.allowNa ? PRACTICE_OPTIONS_NA : PRACTICE_OPTIONS,
      })),
      {
        id: `${code}.M`,
        kind: 'maturity' as const,
        required: true,
        directive: spec.directive,
        ordered: true,
        text: {
          ja: 'この項目全体の成熟度を自己評価してください（5段階）',
          en: 'Rate your overall maturity for this directive (5 levels)',
        },
        help: {
          ja: '段階の定義は COBIT/CMMI 型の尺度に基づく当社の案です。上の実施状況の回答と矛盾する自己評価は上限が適用されます。',
          en: 'The level definitions are our proposal based on a COBIT/CMMI-style scale. A rating that your practice answers above contradict is capped.',
        },
        levels: MATURITY_LEVELS,
      },
    ],
  };
}
