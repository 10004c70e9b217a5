// The buyer's view. riskScore = clamp(100 × (1 − strength) × exposure + gap penalty, 0, 100):
// - strength (0..1) = weighted sum of the maturity share (overall − 1) / 4 and the SECURITY
//   ACTION, monitoring, testing and readiness credits (weights per size class, from the catalog);
// - exposure = base + step × (criticality − 1) + (strong level required ? extra : 0);
// - gap penalty = penalty per level the achieved level falls short of the required one.
// Answers only enter through strength and the achieved level, both non-decreasing in every ordered
// answer, so a better answer never raises the risk. Gates are reported apart and do not enter.
import type { RiskWeights, ScoringModel, SizeClass } from '../catalog/catalog.types';
import type { SupplierProfile, Level, Tier } from './scoring.types';
import { clamp, round1, round2, round4 } from './rounding';

export interface RiskInputs {
  directiveMaturity: number[];
  overallMaturity: number;
  sizeClass: SizeClass;
  credits: { securityAction: number; monitoring: number; testing: number; readiness: number };
}

export interface RiskComponent {
  key: keyof RiskWeights;
  /** 0..1 */
  value: number;
  weight: number;
  /** value × weight, the share of strength it supplies. */
  contribution: number;
}

export interface RiskAssessment {
  requiredLevel: 'basic' | 'strong';
  achievedLevel: Level;
  gapLevels: number;
  components: RiskComponent[];
  strength: number;
  exposure: number;
  gapPenalty: number;
  riskScore: number;
  tier: Tier;
}

const LEVEL_RANK: Record<Level, number> = { none: 0, basic: 1, strong: 2 };

export function requiredLevel(profile: SupplierProfile): 'basic' | 'strong' {
  return profile.handlesConfidentialData || profile.outageImpact || profile.networkAccess
    ? 'strong'
    : 'basic';
}

export function achievedLevel(inputs: RiskInputs, model: ScoringModel): Level {
  const weakest = Math.min(...inputs.directiveMaturity);
  // Strong (like SCS ★4) also needs independent verification and monitoring in place.
  if (
    weakest >= model.achievedLevel.strongMinDirective &&
    inputs.credits.testing >= 1 &&
    inputs.credits.monitoring >= 1
  ) {
    return 'strong';
  }
  return weakest >= model.achievedLevel.basicMinDirective ? 'basic' : 'none';
}

export function tierFor(riskScore: number, model: ScoringModel): Tier {
  const t = model.tierThresholds;
  if (riskScore >= t.critical) return 'critical';
  if (riskScore >= t.high) return 'high';
  if (riskScore >= t.medium) return 'medium';
  return 'low';
}

export function assessRisk(
  inputs: RiskInputs,
  profile: SupplierProfile,
  model: ScoringModel,
): RiskAssessment {
  const weights = model.weights[inputs.sizeClass];
  const values: Record<keyof RiskWeights, number> = {
    maturity: (inputs.overallMaturity - 1) / 4,
    ...inputs.credits,
  };
  // Each step is rounded to 4 decimals and built from the rounded step before, so the explanation
  // reproduces riskScore exactly from the numbers it shows.
  const components = (Object.keys(weights) as (keyof RiskWeights)[]).map((key) => {
    const value = round4(values[key]);
    return { key, value, weight: weights[key], contribution: round4(value * weights[key]) };
  });
  const strength = round4(
    clamp(
      components.reduce((s, c) => s + c.contribution, 0),
      0,
      1,
    ),
  );
  const required = requiredLevel(profile);
  const achieved = achievedLevel(inputs, model);
  const gapLevels = Math.max(0, LEVEL_RANK[required] - LEVEL_RANK[achieved]);
  const e = model.exposure;
  const exposure = round2(
    e.base +
      e.perCriticalityStep * (profile.criticality - 1) +
      (required === 'strong' ? e.strongRequired : 0),
  );
  const gapPenalty = gapLevels * model.gapPenaltyPerLevel;
  const riskScore = round1(clamp(100 * (1 - strength) * exposure + gapPenalty, 0, 100));
  return {
    requiredLevel: required,
    achievedLevel: achieved,
    gapLevels,
    components,
    strength,
    exposure,
    gapPenalty,
    riskScore,
    tier: tierFor(riskScore, model),
  };
}
