// Monitoring, testing and incident readiness credits (each 0..1). Each is non-decreasing in its
// ordered answers: yes over no, a superset of services, a later date, a better backup state.
import type { ScoringModel } from '../catalog/catalog.types';
import { ITEM } from '../catalog/item-ids';
import { isRecent } from '../answers/dates';
import type { AnswerView } from './answer-view';
import { mean } from './rounding';

export const MONITORING_COVERS = ['monitoring_edr', 'monitoring_utm'];
export const TESTING_KINDS = ['audit', 'vulnerability'];
export const MUST_REPORT_TO = ['ipa', 'jpcert', 'police'];

export interface ServicesAssessment {
  otasuketaiUses: boolean;
  otasuketaiCovers: string[];
  serviceKinds: string[];
  serviceListed: boolean;
  serviceRecent: boolean;
  monitoring: { credit: number; source: 'otasuketai' | 'security_service' | null };
  testing: { credit: number; kinds: string[] };
}

export function assessServices(
  view: AnswerView,
  model: ScoringModel,
  asOf: string,
): ServicesAssessment {
  const otasuketaiUses = view.bool(ITEM.otUses) === true;
  // In catalog option order, so the result does not depend on the order the codes were sent in.
  const chosen = otasuketaiUses ? view.list(ITEM.otCovers) : [];
  const otasuketaiCovers = (view.index.byId.get(ITEM.otCovers)?.options ?? [])
    .map((o) => o.code)
    .filter((c) => chosen.includes(c));
  const serviceKinds = view.list(ITEM.ssKinds);
  const last = view.text(ITEM.ssLast);
  const serviceRecent = last !== null && isRecent(last, asOf, model.recentMonths);
  const serviceListed = view.bool(ITEM.ssListed) === true;

  let source: ServicesAssessment['monitoring']['source'] = null;
  if (otasuketaiCovers.some((c) => MONITORING_COVERS.includes(c))) source = 'otasuketai';
  else if (serviceKinds.includes('monitoring') && serviceRecent) source = 'security_service';

  const testingKinds = serviceKinds.filter((k) => TESTING_KINDS.includes(k));
  const tested = testingKinds.length > 0 && serviceRecent;
  return {
    otasuketaiUses,
    otasuketaiCovers,
    serviceKinds,
    serviceListed,
    serviceRecent,
    monitoring: { credit: source ? 1 : 0, source },
    // A provider on IPA's list is audited against the service standard; an unlisted one counts half.
    testing: { credit: tested ? (serviceListed ? 1 : 0.5) : 0, kinds: testingKinds },
  };
}

export interface ReadinessAssessment {
  contact: number;
  reporting: number;
  missingReportTo: string[];
  exercise: number;
  /** null when the backup answer is わからない (left out of the mean). */
  backup: number | null;
  credit: number;
}

export function assessReadiness(
  view: AnswerView,
  model: ScoringModel,
  asOf: string,
): ReadinessAssessment {
  const contact = view.bool(ITEM.irContact) === true ? 1 : 0;
  const reportTo = view.list(ITEM.irReportTo);
  const missingReportTo = MUST_REPORT_TO.filter((c) => !reportTo.includes(c));
  const reporting = (MUST_REPORT_TO.length - missingReportTo.length) / MUST_REPORT_TO.length;
  const exerciseDate = view.text(ITEM.irExerciseDate);
  const exercise =
    view.bool(ITEM.irExercised) !== true
      ? 0
      : exerciseDate !== null && isRecent(exerciseDate, asOf, model.recentMonths)
        ? 1
        : 0.5;
  const backupOption = view.option(ITEM.irBackup);
  const backup = backupOption?.flag ? null : (backupOption?.score ?? 0) / 4;
  const credit = mean([contact, reporting, exercise, ...(backup === null ? [] : [backup])]) ?? 0;
  return { contact, reporting, missingReportTo, exercise, backup, credit };
}
