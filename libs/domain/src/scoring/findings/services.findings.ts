// Findings on monitoring, security testing and JC-STAR labels.
import { ITEM } from '../../catalog/item-ids';
import type { Finding } from '../scoring.types';
import { iotStatus } from '../gates';
import { escalate, type FindingContext } from './finding-context';

export function serviceFindings(ctx: FindingContext): Finding[] {
  const out: Finding[] = [];
  const strong = ctx.risk.requiredLevel === 'strong';
  const s = ctx.services;
  if (s.monitoring.credit < 1) {
    out.push({
      code: 'NO_MONITORING',
      severity: escalate('medium', strong),
      directives: [5, 7],
      itemIds: [ITEM.otUses, ...(s.otasuketaiUses ? [ITEM.otCovers] : []), ITEM.ssKinds],
      // The recommendation differs: お助け隊 and the subsidy for SMEs, a listed SOC service otherwise.
      params: { sizeClass: ctx.sizeClass },
    });
  }
  if (s.testing.credit === 0) {
    out.push({
      code: 'NO_SECURITY_TESTING',
      severity: escalate('medium', strong),
      directives: [5, 6],
      itemIds: [ITEM.ssKinds, ...(s.serviceKinds.length > 0 ? [ITEM.ssLast] : [])],
      params: {},
    });
  } else if (s.testing.credit < 1) {
    out.push({
      code: 'TESTING_PROVIDER_NOT_LISTED',
      severity: 'low',
      directives: [5, 6],
      itemIds: [ITEM.ssListed],
      params: {},
    });
  }
  const iot = iotStatus(ctx.view, ctx.profile.asOf);
  if (iot.delivers && (iot.level === null || iot.level === 'none')) {
    out.push({
      code: 'IOT_NO_JCSTAR',
      severity: escalate('medium', strong),
      directives: [5, 9],
      itemIds: [ITEM.iotLevel],
      params: {},
    });
  }
  return out;
}
