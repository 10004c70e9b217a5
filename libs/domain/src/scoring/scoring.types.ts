import type { LocalizedText, SizeClass } from '../catalog/catalog.types';

export type Tier = 'low' | 'medium' | 'high' | 'critical';
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export type Level = 'none' | 'basic' | 'strong';

/** The buyer's view of one supplier, plus the date evidence is judged against. */
export interface SupplierProfile {
  criticality: 1 | 2 | 3;
  /** Overrides the supplier's own size answer when the buyer knows better. */
  sizeClass?: SizeClass;
  handlesConfidentialData?: boolean;
  outageImpact?: boolean;
  networkAccess?: boolean;
  /** YYYY-MM-DD; the engine never reads the clock. */
  asOf: string;
}

/**
 * The values a finding's texts interpolate, e.g. `{ selfRating: 5, cap: 3 }`: flat and small, numbers
 * kept raw (the renderer formats them), nothing that `directives` or `itemIds` already say.
 */
export type FindingParams = Readonly<Record<string, string | number>>;

/**
 * One finding as the engine emits and the worker stores it: data only. Its words come from
 * `describeFinding()` when someone reads it.
 */
export interface Finding {
  code: string;
  severity: Severity;
  /** Related directives, 1..10. */
  directives: number[];
  itemIds: string[];
  params: FindingParams;
}

/** What `describeFinding()` needs: a stored finding row, with or without its severity. */
export type FindingData = Pick<Finding, 'code' | 'directives' | 'itemIds' | 'params'>;

export interface FindingText {
  message: LocalizedText;
  recommendation: LocalizedText;
}

export interface Gate {
  code: string;
  passed: boolean;
  message: LocalizedText;
}

export interface ScoreResult {
  status: 'scored' | 'incomplete';
  missing: string[];
  /** 0–100, higher = riskier. For an incomplete answer set it is computed from what is present. */
  riskScore: number;
  tier: Tier;
  /** Exactly 10 values, 1.0–5.0, 2 decimals. */
  directiveMaturity: number[];
  overallMaturity: number;
  securityAction: {
    declared: 'none' | 'star1' | 'star2';
    consistentWithSelfCheck: boolean;
    selfCheckTotal: number | null;
    selfCheckBand: string | null;
  };
  otasuketai: { uses: boolean; covers: string[] };
  requiredLevel: 'basic' | 'strong';
  achievedLevel: Level;
  levelGap: boolean;
  gates: Gate[];
  findings: Finding[];
  engineVersion: string;
}
