// Findings on SECURITY ACTION: a contradicted ★★, ★ without the 5か条, no declaration, low 自社診断.
import { ITEM } from '../../catalog/item-ids';
import type { Finding } from '../scoring.types';
import type { FindingContext } from './finding-context';

export function securityActionFindings(ctx: FindingContext): Finding[] {
  const sa = ctx.securityAction;
  const out: Finding[] = [];
  if (sa.declared === 'star2' && !sa.consistentWithSelfCheck) {
    // The reasons are in the item ids: failing 自社診断 items, SC.DATE when stale, SA.POLICY when
    // no policy is published.
    out.push({
      code: 'SA_STAR2_CONTRADICTED',
      severity: 'high',
      directives: [1, 6],
      itemIds: [
        ITEM.saLevel,
        ...(sa.selfCheckStale ? [ITEM.selfCheckDate] : []),
        ...sa.selfCheckFailing,
        ...(sa.policyPublished ? [] : [ITEM.saPolicy]),
      ],
      params: {},
    });
  }
  if (sa.declared !== 'none' && sa.fiveRulesFailing.length > 0) {
    out.push({
      code: 'SA_FIVE_RULES_GAP',
      severity: 'medium',
      directives: [5],
      itemIds: sa.fiveRulesFailing,
      params: {},
    });
  }
  if (sa.declared === 'none' && ctx.sizeClass === 'sme') {
    out.push({
      code: 'SA_NOT_DECLARED',
      severity: 'low',
      directives: [1],
      itemIds: [ITEM.saLevel],
      params: {},
    });
  }
  if (sa.selfCheckBand !== null && sa.selfCheckBand !== 'achieved' && sa.selfCheckTotal !== null) {
    out.push({
      code: 'SELF_CHECK_BELOW_FULL',
      severity:
        sa.selfCheckBand === 'urgent'
          ? 'medium'
          : sa.selfCheckBand === 'insufficient'
            ? 'low'
            : 'info',
      directives: [5],
      itemIds: sa.selfCheckFailing,
      params: { total: sa.selfCheckTotal, band: sa.selfCheckBand },
    });
  }
  return out;
}
