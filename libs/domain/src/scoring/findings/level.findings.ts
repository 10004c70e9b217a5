// Findings on the buyer's required level and on the supplier's profile answers.
import { ITEM } from '../../catalog/item-ids';
import type { Finding } from '../scoring.types';
import { classifySize, toSizeClass } from '../size-class';
import type { FindingContext } from './finding-context';

export function levelFindings(ctx: FindingContext): Finding[] {
  const r = ctx.risk;
  if (r.gapLevels === 0) return [];
  const min =
    r.requiredLevel === 'strong'
      ? ctx.view.catalog.scoring.achievedLevel.strongMinDirective
      : ctx.view.catalog.scoring.achievedLevel.basicMinDirective;
  const below = ctx.directives.filter((d) => d.maturity < min).map((d) => d.directive);
  return [
    {
      code: 'LEVEL_GAP',
      severity: r.gapLevels >= 2 ? (ctx.profile.criticality === 3 ? 'critical' : 'high') : 'medium',
      directives: below,
      itemIds: [],
      params: { requiredLevel: r.requiredLevel, achievedLevel: r.achievedLevel, minDirective: min },
    },
  ];
}

export function profileFindings(ctx: FindingContext): Finding[] {
  const out: Finding[] = [];
  const v = ctx.view;
  const declared = v.code(ITEM.sizeClass);
  const industry = v.code(ITEM.industry);
  const capital = v.num(ITEM.capital);
  const employees = v.num(ITEM.employees);
  if (declared && industry && capital !== null && employees !== null) {
    const computed = classifySize(industry, capital, employees);
    // 小規模企業者 are SMEs too, so only a different SME/large class or a wrong "small" is flagged.
    const differs =
      computed !== null &&
      (toSizeClass(computed) !== toSizeClass(declared) ||
        (declared === 'small' && computed !== 'small'));
    if (differs) {
      out.push({
        code: 'PROFILE_SIZE_MISMATCH',
        severity: 'info',
        directives: [],
        itemIds: [ITEM.sizeClass, ITEM.capital, ITEM.employees],
        params: { declared, computed },
      });
    }
  }
  const roles = v.list(ITEM.roles);
  const unexpected = [
    ...(roles.includes('buyer_network') && ctx.profile.networkAccess !== true
      ? ['buyer_network']
      : []),
    ...(roles.includes('personal_data') && ctx.profile.handlesConfidentialData !== true
      ? ['personal_data']
      : []),
  ];
  if (unexpected.length > 0) {
    out.push({
      code: 'PROFILE_ACCESS_MISMATCH',
      severity: 'info',
      directives: [9],
      itemIds: [ITEM.roles],
      params: {},
    });
  }
  return out;
}
