// score(): the result the worker stores and the dashboard reads.
//
// Incomplete answer sets: status 'incomplete' and `missing` lists what is needed. riskScore and tier
// are still computed from what is present, counting a directive with no answers at the floor of the
// scale (1.0) and unproven credits as 0, so an incomplete score leans risky rather than pretending to
// be safe; consumers must check `status` (the dashboard ignores incomplete ones).
import type { Answers, Catalog } from '../catalog/catalog.types';
import { ENGINE_VERSION, evaluate } from './evaluate';
import type { ScoreResult, SupplierProfile } from './scoring.types';

export function score(catalog: Catalog, answers: Answers, profile: SupplierProfile): ScoreResult {
  const e = evaluate(catalog, answers, profile);
  const sa = e.securityAction;
  return {
    status: e.missing.length === 0 ? 'scored' : 'incomplete',
    missing: e.missing,
    riskScore: e.risk.riskScore,
    tier: e.risk.tier,
    directiveMaturity: e.directives.map((d) => d.maturity),
    overallMaturity: e.overallMaturity,
    securityAction: {
      declared: sa.declared,
      consistentWithSelfCheck: sa.consistentWithSelfCheck,
      selfCheckTotal: sa.selfCheckTotal,
      selfCheckBand: sa.selfCheckBand,
    },
    otasuketai: { uses: e.services.otasuketaiUses, covers: e.services.otasuketaiCovers },
    requiredLevel: e.risk.requiredLevel,
    achievedLevel: e.risk.achievedLevel,
    levelGap: e.risk.gapLevels > 0,
    gates: e.gates,
    findings: e.findings,
    engineVersion: ENGINE_VERSION,
  };
}
