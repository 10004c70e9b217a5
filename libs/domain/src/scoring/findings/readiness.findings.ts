// Findings on incident readiness and expired evidence.
import { ITEM } from '../../catalog/item-ids';
import type { Finding } from '../scoring.types';
import type { FindingContext } from './finding-context';

/** Directives each kind of evidence supports. */
const EVIDENCE_DIRECTIVES: Record<string, number[]> = {
  [ITEM.selfCheckDate]: [1, 6],
  [ITEM.ssLast]: [5, 6],
  [ITEM.iotExpires]: [5, 9],
};

export function readinessFindings(ctx: FindingContext): Finding[] {
  const out: Finding[] = [];
  const r = ctx.readiness;
  if (r.contact === 0) {
    out.push({
      code: 'INCIDENT_NO_CONTACT',
      severity: 'medium',
      directives: [7],
      itemIds: [ITEM.irContact],
      params: {},
    });
  }
  if (r.missingReportTo.length > 0) {
    out.push({
      code: 'INCIDENT_REPORTING_GAPS',
      severity: 'low',
      directives: [7, 10],
      itemIds: [ITEM.irReportTo],
      params: { missingReportTo: r.missingReportTo.join(',') },
    });
  }
  if (r.exercise < 1) {
    out.push({
      code: 'INCIDENT_NO_RECENT_EXERCISE',
      severity: 'low',
      directives: [7],
      itemIds: [ITEM.irExercised, ...(r.exercise > 0 ? [ITEM.irExerciseDate] : [])],
      params: {},
    });
  }
  if (r.backup !== null && r.backup < 1) {
    out.push({
      code: 'BACKUP_NOT_TESTED',
      severity: r.backup === 0 ? 'high' : 'medium',
      directives: [8],
      itemIds: [ITEM.irBackup],
      params: { backup: r.backup === 0 ? 'none' : 'untested' },
    });
  }
  for (const e of ctx.expired) {
    out.push({
      code: 'EVIDENCE_EXPIRED',
      severity: 'medium',
      directives: EVIDENCE_DIRECTIVES[e.itemId] ?? [],
      itemIds: [e.itemId],
      params: { date: e.date, expiredOn: e.expiredOn },
    });
  }
  return out;
}
