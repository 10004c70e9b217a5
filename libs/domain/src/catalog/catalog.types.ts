// Shapes of a versioned questionnaire catalog. Catalog data is plain, serialisable objects so the
// API can send a catalog to the browser as-is (GET /api/v1/catalog/:version).

export interface LocalizedText {
  ja: string;
  en: string;
}

export type ItemKind =
  'maturity' | 'single' | 'multi' | 'yesno' | 'date' | 'number' | 'text' | 'file';

/** Value stored per item; `null` means cleared or unanswered. The type depends on the item kind. */
export type AnswerValue = number | string | boolean | string[] | null;

export type Answers = Record<string, AnswerValue>;

export interface CatalogOption {
  code: string;
  label: LocalizedText;
  /** Points for scored options (0..4); the 自社診断 わからない option alone carries −1. */
  score?: number;
  /** `unknown` (わからない) and `na` (該当しない) are excluded from averages and flagged. */
  flag?: 'unknown' | 'na';
}

/**
 * Shows an item only when an earlier item's answer is one of `anyOf`: for `single` the option
 * code, for `multi` any selected code, for `yesno` the boolean. A hidden earlier item never
 * satisfies a condition, so conditions chain.
 */
export interface ItemCondition {
  itemId: string;
  anyOf: ReadonlyArray<string | boolean>;
}

export interface MaturityLevel {
  level: 1 | 2 | 3 | 4 | 5;
  label: LocalizedText;
  description: LocalizedText;
}

/** How long an answered piece of evidence stays current, measured against `asOf`. */
export type EvidenceAge =
  | { kind: 'expiresOn' } // the answer itself is the expiry date (JC-STAR label)
  | { kind: 'validForMonths'; months: number }; // the answer is the date the evidence was made

export interface CatalogItem {
  id: string;
  kind: ItemKind;
  text: LocalizedText;
  help?: LocalizedText;
  required: boolean;
  /** All conditions must hold for the item to be visible. */
  conditions?: ItemCondition[];
  options?: CatalogOption[];
  /** Level definitions shown with a `maturity` item. */
  levels?: MaturityLevel[];
  min?: number;
  max?: number;
  maxLength?: number;
  /** Extra text check; `url` accepts http(s) URLs only. */
  format?: 'url';
  /**
   * Date items that record something already done (a declaration, an audit): the answer may not
   * be later than the day the answers are saved, in Asia/Tokyo.
   */
  notAfter?: 'today';
  /** Directive (1..10) a practice or self-rating item belongs to. */
  directive?: number;
  /**
   * The answers are ordered by quality: higher option score / higher level / `true` / a superset /
   * a later date is better. The engine promises that a better answer never raises the risk.
   */
  ordered?: boolean;
  evidence?: EvidenceAge;
}

export interface CatalogSection {
  id: string;
  title: LocalizedText;
  description?: LocalizedText;
  /** Set on the ten directive sections (1..10). */
  directive?: number;
  /** Set on the ten directive sections: the advice shown when the directive is weak. */
  recommendation?: LocalizedText;
  items: CatalogItem[];
}

export type SizeClass = 'sme' | 'large';

export interface RiskWeights {
  maturity: number;
  securityAction: number;
  monitoring: number;
  testing: number;
  readiness: number;
}

/** Scoring parameters travel with the catalog version so a new version can retune them. */
export interface ScoringModel {
  practiceWeight: number;
  selfRatingWeight: number;
  /** A self-rating with no scored practice answer behind it counts at most this much. */
  unverifiedSelfRatingCap: number;
  weights: Record<SizeClass, RiskWeights>;
  exposure: { base: number; perCriticalityStep: number; strongRequired: number };
  gapPenaltyPerLevel: number;
  /** Lower bounds of medium, high and critical; below `medium` is low. */
  tierThresholds: { medium: number; high: number; critical: number };
  achievedLevel: {
    basicMinDirective: number;
    strongMinDirective: number;
  };
  requiredLevelQuestions: {
    key: 'handlesConfidentialData' | 'outageImpact' | 'networkAccess';
    text: LocalizedText;
  }[];
  levelLabels: Record<'none' | 'basic' | 'strong', LocalizedText>;
  /** Months after which a self-check run, a test or an exercise no longer counts as recent. */
  recentMonths: number;
}

export interface Catalog {
  version: string;
  title: LocalizedText;
  publishedOn: string;
  /** Framework editions the items follow; answers are never compared across editions. */
  editions: { framework: string; edition: string }[];
  maturityLevels: MaturityLevel[];
  sections: CatalogSection[];
  scoring: ScoringModel;
}
