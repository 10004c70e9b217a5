import type { SizeClass } from '../../catalog/catalog.types';
import type { AnswerView } from '../answer-view';
import type { DirectiveBreakdown } from '../directive-maturity';
import type { ExpiredEvidence } from '../evidence';
import type { RiskAssessment } from '../risk';
import type { SecurityActionAssessment } from '../security-action';
import type { ReadinessAssessment, ServicesAssessment } from '../services';
import type { Finding, Severity, SupplierProfile } from '../scoring.types';

/** Everything the finding rules read; built once per scoring run. */
export interface FindingContext {
  view: AnswerView;
  profile: SupplierProfile;
  sizeClass: SizeClass;
  directives: DirectiveBreakdown[];
  securityAction: SecurityActionAssessment;
  services: ServicesAssessment;
  readiness: ReadinessAssessment;
  expired: ExpiredEvidence[];
  risk: RiskAssessment;
}

export type FindingRule = (ctx: FindingContext) => Finding[];

const ORDER: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** One step more severe, for suppliers that must meet the strong level. */
export const escalate = (s: Severity, when: boolean): Severity =>
  when ? ORDER[Math.min(ORDER.length - 1, ORDER.indexOf(s) + 1)] : s;

/** Most severe first, then by code, directives and items, so the order never depends on input order. */
export function sortFindings(findings: Finding[]): Finding[] {
  const keyed = findings.map((f) => ({
    f,
    rank: ORDER.indexOf(f.severity),
    key: `${f.code}|${f.directives.map((d) => String(d).padStart(2, '0')).join(',')}|${f.itemIds.join(',')}`,
  }));
  keyed.sort((a, b) => b.rank - a.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.f);
}
