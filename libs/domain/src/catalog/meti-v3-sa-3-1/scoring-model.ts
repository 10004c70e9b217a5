// Scoring parameters of catalog meti-v3.0+sa-3.1. They are our design (DOMAIN.md [I]), kept in
// catalog data so a later version can retune them without touching answers already scored.
import type { ScoringModel } from '../catalog.types';

const t = (ja: string, en: string) => ({ ja, en });

export const SCORING_MODEL: ScoringModel = {
  // Practice answers are evidence; a self-rating is a claim, so it weighs less.
  practiceWeight: 0.6,
  selfRatingWeight: 0.4,
  unverifiedSelfRatingCap: 3,
  weights: {
    sme: { maturity: 0.55, securityAction: 0.15, monitoring: 0.1, testing: 0.1, readiness: 0.1 },
    // Large companies rarely declare SECURITY ACTION; its absence says little about them.
    large: { maturity: 0.7, securityAction: 0, monitoring: 0.1, testing: 0.1, readiness: 0.1 },
  },
  // riskScore = 100 × weakness × exposure + gap penalty; exposure reaches 1.0 only for a
  // criticality-3 supplier that must meet the strong level.
  exposure: { base: 0.55, perCriticalityStep: 0.15, strongRequired: 0.15 },
  gapPenaltyPerLevel: 5,
  tierThresholds: { medium: 25, high: 45, critical: 65 },
  achievedLevel: { basicMinDirective: 2.5, strongMinDirective: 3.5 },
  requiredLevelQuestions: [
    {
      key: 'handlesConfidentialData',
      text: t('当社の機密情報を取り扱いますか', 'Does the supplier handle our confidential data?'),
    },
    {
      key: 'outageImpact',
      text: t(
        '停止すると当社の事業に重大な遅れが生じますか',
        'Would its outage seriously delay our business?',
      ),
    },
    {
      key: 'networkAccess',
      text: t('当社の社内システムに接続できますか', 'Can it reach our internal systems?'),
    },
  ],
  // Follows the planned SCS評価制度 decision tree [R]: any "yes" means the stronger level.
  levelLabels: {
    none: t('基準未達', 'Below basic'),
    basic: t('基本レベル（SCS評価制度 ★3 相当）', 'Basic (like SCS ★3)'),
    strong: t('強化レベル（SCS評価制度 ★4 相当）', 'Strong (like SCS ★4)'),
  },
  recentMonths: 12,
};
