// Small complete answer sets for hand-computed expectations.
import { getCatalog, SELF_CHECK_IDS, type Answers, type Catalog } from '../../src';

export const catalog: Catalog = getCatalog('meti-v3.0+sa-3.1')!;

/**
 * A complete SME answer set with every practice answered `practice` and every self-rating
 * `rating`; no SECURITY ACTION, no services, contact and reporting known, no exercise, backups
 * restore-tested. Incident readiness credit = mean(1, 1, 0, 1) = 0.75.
 */
export function uniformAnswers(practice: string, rating: number, overrides: Answers = {}): Answers {
  const answers: Answers = {
    'P.INDUSTRY': 'manufacturing',
    'P.CAPITAL': 1000,
    'P.EMPLOYEES': 30,
    'P.SIZE': 'sme',
    'P.ROLES': [],
    'SA.LEVEL': 'none',
    'SA.R1': 'done',
    'SA.R2': 'done',
    'SA.R3': 'done',
    'SA.R4': 'done',
    'SA.R5': 'done',
    'SA.POLICY': false,
    'OT.USES': false,
    'SS.KINDS': [],
    'IR.CONTACT': true,
    'IR.CONTACT_NAME': '総務部',
    'IR.REPORT_TO': ['ipa', 'jpcert', 'police'],
    'IR.EXERCISED': false,
    'IR.BACKUP': 'tested',
  };
  for (const section of catalog.sections) {
    for (const item of section.items) {
      if (item.directive) answers[item.id] = item.kind === 'maturity' ? rating : practice;
    }
  }
  return { ...answers, ...overrides };
}

/** A backed ★★ claim: all 25 self-check items done, published policy, recent self-check. */
export function star2Answers(selfCheck: (no: number) => string = () => 'done'): Answers {
  return {
    'SA.LEVEL': 'star2',
    'SA.ID': '50000000001',
    'SA.DATE': '2026-05-01',
    'SA.POLICY': true,
    'SA.POLICY_URL': 'https://example.jp/policy',
    'SC.DATE': '2026-10-01',
    ...Object.fromEntries(SELF_CHECK_IDS.map((id, i) => [id, selfCheck(i + 1)])),
  };
}
