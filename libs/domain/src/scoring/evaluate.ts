// One scoring run: every intermediate the result and its explanation are built from.
import type { Answers, Catalog, SizeClass } from '../catalog/catalog.types';
import { ITEM } from '../catalog/item-ids';
import { isIsoDate } from '../answers/dates';
import { missingFrom } from '../answers/missing-required';
import { validateAnswers } from '../answers/validate-answers';
import { AnswerView } from './answer-view';
import { directiveBreakdowns, type DirectiveBreakdown } from './directive-maturity';
import { expiredEvidence, type ExpiredEvidence } from './evidence';
import { directiveFindings, unknownAnswerFindings } from './findings/directive.findings';
import { sortFindings, type FindingContext } from './findings/finding-context';
import { levelFindings, profileFindings } from './findings/level.findings';
import { readinessFindings } from './findings/readiness.findings';
import { securityActionFindings } from './findings/security-action.findings';
import { serviceFindings } from './findings/services.findings';
import { evaluateGates } from './gates';
import { assessRisk, type RiskAssessment } from './risk';
import { mean, round2 } from './rounding';
import { assessSecurityAction, type SecurityActionAssessment } from './security-action';
import {
  assessReadiness,
  assessServices,
  type ReadinessAssessment,
  type ServicesAssessment,
} from './services';
import { toSizeClass } from './size-class';
import type { Finding, Gate, SupplierProfile } from './scoring.types';

export const ENGINE_VERSION = '1.0.0';

export interface Evaluation {
  catalogVersion: string;
  missing: string[];
  sizeClass: SizeClass;
  directives: DirectiveBreakdown[];
  overallMaturity: number;
  securityAction: SecurityActionAssessment;
  services: ServicesAssessment;
  readiness: ReadinessAssessment;
  expired: ExpiredEvidence[];
  risk: RiskAssessment;
  gates: Gate[];
  findings: Finding[];
}

const RULES = [
  directiveFindings,
  unknownAnswerFindings,
  securityActionFindings,
  serviceFindings,
  readinessFindings,
  levelFindings,
  profileFindings,
];

export function evaluate(catalog: Catalog, answers: Answers, profile: SupplierProfile): Evaluation {
  checkProfile(profile);
  validateAnswers(catalog, answers);
  const model = catalog.scoring;
  const view = new AnswerView(catalog, answers);
  // Unknown size counts as SME: the SME weights and the monitoring gate are the stricter reading.
  const sizeClass = profile.sizeClass ?? toSizeClass(view.code(ITEM.sizeClass)) ?? 'sme';
  const directives = directiveBreakdowns(view, model);
  const directiveMaturity = directives.map((d) => d.maturity);
  const overallMaturity = round2(mean(directiveMaturity) ?? 1);
  const securityAction = assessSecurityAction(view, model, profile.asOf);
  const services = assessServices(view, model, profile.asOf);
  const readiness = assessReadiness(view, model, profile.asOf);
  const expired = expiredEvidence(view, profile.asOf);
  const risk = assessRisk(
    {
      directiveMaturity,
      overallMaturity,
      sizeClass,
      credits: {
        securityAction: securityAction.credit,
        monitoring: services.monitoring.credit,
        testing: services.testing.credit,
        readiness: readiness.credit,
      },
    },
    profile,
    model,
  );
  const ctx: FindingContext = {
    view,
    profile,
    sizeClass,
    directives,
    securityAction,
    services,
    readiness,
    expired,
    risk,
  };
  return {
    catalogVersion: catalog.version,
    missing: missingFrom(view.index, answers, view.visibility),
    sizeClass,
    directives,
    overallMaturity,
    securityAction,
    services,
    readiness,
    expired,
    risk,
    gates: evaluateGates({
      view,
      asOf: profile.asOf,
      sizeClass,
      securityAction,
      services,
      expired,
    }),
    findings: sortFindings(RULES.flatMap((rule) => rule(ctx))),
  };
}

function checkProfile(profile: SupplierProfile): void {
  if (![1, 2, 3].includes(profile.criticality)) {
    throw new RangeError(
      `profile.criticality must be 1, 2 or 3, got ${String(profile.criticality)}`,
    );
  }
  if (!isIsoDate(profile.asOf)) {
    throw new RangeError(`profile.asOf must be a date YYYY-MM-DD, got ${String(profile.asOf)}`);
  }
}
