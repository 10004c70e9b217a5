// explain(): how every number in the score was reached, for the supplier drill-down and for audits.
import type { Answers, Catalog, LocalizedText, ScoringModel } from '../catalog/catalog.types';
import { FIVE_RULE_IDS, ITEM, SELF_CHECK_IDS } from '../catalog/item-ids';
import type { DirectiveBreakdown } from './directive-maturity';
import { ENGINE_VERSION, evaluate } from './evaluate';
import type { RiskComponent } from './risk';
import type { SupplierProfile, Tier } from './scoring.types';

export interface DirectiveExplanation extends DirectiveBreakdown {
  title: LocalizedText;
  /** The arithmetic in words, e.g. "0.6 × 3.67 + 0.4 × 4 = 3.8". */
  formula: string;
}

export interface Explanation {
  engineVersion: string;
  catalogVersion: string;
  status: 'scored' | 'incomplete';
  missing: string[];
  directives: DirectiveExplanation[];
  overallMaturity: { value: number; formula: string };
  risk: {
    sizeClass: 'sme' | 'large';
    components: (RiskComponent & { itemIds: string[] })[];
    strength: number;
    exposure: {
      value: number;
      criticality: number;
      requiredLevel: 'basic' | 'strong';
      formula: string;
    };
    achievedLevel: 'none' | 'basic' | 'strong';
    gapPenalty: number;
    riskScore: number;
    tier: Tier;
    tierThresholds: ScoringModel['tierThresholds'];
    formula: string;
  };
}

const COMPONENT_ITEMS: Record<string, string[]> = {
  securityAction: [
    ITEM.saLevel,
    ...FIVE_RULE_IDS,
    ITEM.saPolicy,
    ITEM.selfCheckDate,
    ...SELF_CHECK_IDS,
  ],
  monitoring: [ITEM.otUses, ITEM.otCovers, ITEM.ssKinds, ITEM.ssLast],
  testing: [ITEM.ssKinds, ITEM.ssListed, ITEM.ssLast],
  readiness: [
    ITEM.irContact,
    ITEM.irReportTo,
    ITEM.irExercised,
    ITEM.irExerciseDate,
    ITEM.irBackup,
  ],
};

export function explain(catalog: Catalog, answers: Answers, profile: SupplierProfile): Explanation {
  const e = evaluate(catalog, answers, profile);
  const model = catalog.scoring;
  const r = e.risk;
  const e2 = model.exposure;
  return {
    engineVersion: ENGINE_VERSION,
    catalogVersion: e.catalogVersion,
    status: e.missing.length === 0 ? 'scored' : 'incomplete',
    missing: e.missing,
    directives: e.directives.map((d) => ({
      ...d,
      title: catalog.sections.find((s) => s.directive === d.directive)?.title ?? { ja: '', en: '' },
      formula: directiveFormula(d, model),
    })),
    overallMaturity: {
      value: e.overallMaturity,
      formula: `mean(${e.directives.map((d) => d.maturity).join(', ')}) = ${e.overallMaturity}`,
    },
    risk: {
      sizeClass: e.sizeClass,
      components: r.components.map((c) => ({
        ...c,
        itemIds:
          c.key === 'maturity'
            ? e.directives.flatMap((d) => [
                ...d.practices.map((p) => p.itemId),
                ...(d.selfRatingItemId ? [d.selfRatingItemId] : []),
              ])
            : COMPONENT_ITEMS[c.key],
      })),
      strength: r.strength,
      exposure: {
        value: r.exposure,
        criticality: profile.criticality,
        requiredLevel: r.requiredLevel,
        formula: `${e2.base} + ${e2.perCriticalityStep} × (${profile.criticality} − 1)${r.requiredLevel === 'strong' ? ` + ${e2.strongRequired}` : ''} = ${r.exposure}`,
      },
      achievedLevel: r.achievedLevel,
      gapPenalty: r.gapPenalty,
      riskScore: r.riskScore,
      tier: r.tier,
      tierThresholds: model.tierThresholds,
      formula: `min(100, 100 × (1 − ${r.strength}) × ${r.exposure} + ${r.gapPenalty}) = ${r.riskScore}; strength = ${r.components.map((c) => `${c.weight} × ${c.value}`).join(' + ')}`,
    },
  };
}

function directiveFormula(d: DirectiveBreakdown, model: ScoringModel): string {
  const self =
    d.selfRating === null
      ? ''
      : d.capped
        ? `min(${d.selfRating}, cap ${d.cap})`
        : String(d.selfRating);
  switch (d.basis) {
    case 'practice+self':
      return `${model.practiceWeight} × ${d.practiceMean} + ${model.selfRatingWeight} × ${self} = ${d.maturity}`;
    case 'practice':
      return `practice mean ${d.practiceMean} (no self-rating) = ${d.maturity}`;
    case 'self':
      return `${self} (no scored practice answer) = ${d.maturity}`;
    case 'none':
      return 'no answers: floor of the scale = 1';
  }
}
