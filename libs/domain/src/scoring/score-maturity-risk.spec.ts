// Hand-computed expectations for directive maturity, risk and tiers. Base set (uniformAnswers):
// SME, every practice 'partial' (level 3), rating 3, readiness credit 0.75, no other credit.
import { catalog, uniformAnswers } from '../../test/support/answer-builders';
import { describeFinding } from './findings/describe-finding';
import { tierFor } from './risk';
import { score } from './score';
import type { SupplierProfile } from './scoring.types';

const asOf = '2026-12-01';
const crit2: SupplierProfile = { criticality: 2, asOf };
const findingsOf = (r: ReturnType<typeof score>, code: string) =>
  r.findings.filter((f) => f.code === code);

describe('directive maturity', () => {
  it('is 0.6 × practice mean + 0.4 × self-rating (partial = level 3, rating 3 → 3.0)', () => {
    const r = score(catalog, uniformAnswers('partial', 3), crit2);
    expect(r.directiveMaturity).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
    expect(r.overallMaturity).toBe(3);
  });

  it('runs from 1.0 (nothing done, rating 1) to 5.0 (all done, rating 5)', () => {
    expect(score(catalog, uniformAnswers('not_done', 1), crit2).directiveMaturity).toEqual(
      Array(10).fill(1),
    );
    expect(score(catalog, uniformAnswers('done', 5), crit2).directiveMaturity).toEqual(
      Array(10).fill(5),
    );
  });

  it('caps a self-rating the practices contradict and reports it', () => {
    // Practices all partial (mean 3) support at most level 3: rating 5 counts as 3.
    const r = score(catalog, uniformAnswers('partial', 5), crit2);
    expect(r.directiveMaturity).toEqual(Array(10).fill(3));
    const capped = findingsOf(r, 'SELF_RATING_CAPPED');
    expect(capped.map((f) => f.directives[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(capped[0].severity).toBe('medium');
    expect(capped[0].itemIds[0]).toBe('D01.M');
    expect(describeFinding(catalog, capped[0]).message.en).toContain('self-rating 5');
    // One level over the cap is a smaller contradiction.
    expect(
      findingsOf(score(catalog, uniformAnswers('partial', 4), crit2), 'SELF_RATING_CAPPED')[0]
        .severity,
    ).toBe('low');
  });

  it('leaves わからない out of the mean instead of scoring it 0, and flags it', () => {
    const unknown = score(
      catalog,
      uniformAnswers('partial', 3, { 'D01.1': 'done', 'D01.2': 'unknown', 'D01.3': 'not_done' }),
      crit2,
    );
    // mean(5, 1) = 3 → cap 3 → 0.6 × 3 + 0.4 × 3 = 3.0
    expect(unknown.directiveMaturity[0]).toBe(3);
    const notDone = score(
      catalog,
      uniformAnswers('partial', 3, { 'D01.1': 'done', 'D01.2': 'not_done', 'D01.3': 'not_done' }),
      crit2,
    );
    // mean(5, 1, 1) = 2.33 → cap 2 → 0.6 × 2.33 + 0.4 × 2 = 2.198 → 2.2
    expect(notDone.directiveMaturity[0]).toBe(2.2);
    const flag = findingsOf(unknown, 'UNKNOWN_ANSWERS')[0];
    expect(flag).toMatchObject({ severity: 'info', directives: [1], itemIds: ['D01.2'] });
  });

  it('leaves 該当しない out of the mean', () => {
    const r = score(
      catalog,
      uniformAnswers('partial', 3, { 'D02.1': 'done', 'D02.4': 'na' }),
      crit2,
    );
    // mean(5, 3, 3) = 3.67 → cap 4 → rating 3 stands → 0.6 × 3.67 + 0.4 × 3 = 3.402 → 3.4
    expect(r.directiveMaturity[1]).toBe(3.4);
  });

  it('counts a self-rating with no scored practice at most 3', () => {
    const r = score(
      catalog,
      uniformAnswers('partial', 3, {
        'D03.1': 'unknown',
        'D03.2': 'unknown',
        'D03.3': 'unknown',
        'D03.M': 5,
      }),
      crit2,
    );
    expect(r.directiveMaturity[2]).toBe(3);
  });
});

describe('risk score and tier', () => {
  it('combines maturity and credits, weighted by the buyer’s exposure (hand-computed)', () => {
    // strength = 0.55 × (3 − 1)/4 + 0.1 × 0.75 = 0.35; exposure = 0.55 + 0.15 × (2 − 1) = 0.7
    // risk = 100 × 0.65 × 0.7 = 45.5 → high (45 ≤ risk < 65)
    const r = score(catalog, uniformAnswers('partial', 3), crit2);
    expect(r.riskScore).toBeCloseTo(45.5, 6);
    expect(r.tier).toBe('high');
    expect(r).toMatchObject({
      status: 'scored',
      missing: [],
      requiredLevel: 'basic',
      achievedLevel: 'basic',
      levelGap: false,
    });
  });

  it('gives the same answers a higher risk when the buyer needs the strong level', () => {
    const base = { criticality: 1 as const, asOf };
    const basic = score(catalog, uniformAnswers('partial', 3), base);
    for (const flag of ['handlesConfidentialData', 'outageImpact', 'networkAccess'] as const) {
      const strong = score(catalog, uniformAnswers('partial', 3), { ...base, [flag]: true });
      // exposure 0.55 + 0.15 = 0.7 → 45.5, plus 5 for one level of gap (basic achieved, strong required)
      expect(strong).toMatchObject({
        requiredLevel: 'strong',
        achievedLevel: 'basic',
        levelGap: true,
      });
      expect(strong.riskScore).toBeCloseTo(50.5, 6);
      expect(strong.riskScore).toBeGreaterThan(basic.riskScore);
      expect(strong.findings.find((f) => f.code === 'LEVEL_GAP')?.severity).toBe('medium');
    }
    // Criticality 3 and strong: exposure 1.0 → 65 + 5 = 70 → critical.
    const top = score(catalog, uniformAnswers('partial', 3), {
      criticality: 3,
      outageImpact: true,
      asOf,
    });
    expect(top.riskScore).toBeCloseTo(70, 6);
    expect(top.tier).toBe('critical');
  });

  it('reaches the strong level only with every directive ≥ 3.5, listed testing and monitoring', () => {
    const services = {
      'SS.KINDS': ['audit', 'monitoring'],
      'SS.LISTED': true,
      'SS.LAST': '2026-06-01',
    };
    const profile: SupplierProfile = { criticality: 3, networkAccess: true, asOf };
    const strong = score(catalog, uniformAnswers('done', 4, services), profile);
    expect(strong).toMatchObject({ achievedLevel: 'strong', levelGap: false });
    expect(strong.tier).toBe('low');
    const unlisted = score(
      catalog,
      uniformAnswers('done', 4, { ...services, 'SS.LISTED': false }),
      profile,
    );
    expect(unlisted).toMatchObject({ achievedLevel: 'basic', levelGap: true });
    expect(unlisted.riskScore).toBeGreaterThan(strong.riskScore);
  });

  it('uses the tier thresholds 25 / 45 / 65', () => {
    const model = catalog.scoring;
    expect([0, 24.9, 25, 44.9, 45, 64.9, 65, 100].map((x) => tierFor(x, model))).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
  });

  it('weighs SECURITY ACTION for SMEs only', () => {
    const star1 = { 'SA.LEVEL': 'star1', 'SA.ID': '50000000001', 'SA.DATE': '2026-01-10' };
    const sme = score(catalog, uniformAnswers('partial', 3, star1), crit2);
    // strength 0.35 + 0.15 × 0.5 = 0.425 → 100 × 0.575 × 0.7 = 40.25
    expect(sme.riskScore).toBeCloseTo(40.25, 0);
    const large = { ...crit2, sizeClass: 'large' as const };
    expect(score(catalog, uniformAnswers('partial', 3, star1), large).riskScore).toBe(
      score(catalog, uniformAnswers('partial', 3), large).riskScore,
    );
  });
});

describe('incomplete answers', () => {
  it('are marked incomplete with what is missing, and never score a silent zero', () => {
    const r = score(catalog, {}, crit2);
    expect(r.status).toBe('incomplete');
    expect(r.missing[0]).toBe('P.INDUSTRY');
    expect(r.missing).toContain('D10.M');
    expect(r.directiveMaturity).toEqual(Array(10).fill(1));
    // Nothing proven: strength 0 → 100 × 1 × 0.7 + 5 (no level reached) = 75.
    expect(r.riskScore).toBeCloseTo(75, 6);
    expect(r.tier).toBe('critical');
  });

  it('name the one missing answer of an otherwise complete set', () => {
    const answers = uniformAnswers('partial', 3);
    delete answers['D07.2'];
    const r = score(catalog, answers, crit2);
    expect(r).toMatchObject({ status: 'incomplete', missing: ['D07.2'] });
  });
});

describe('inputs', () => {
  it('rejects a bad profile and invalid answers', () => {
    expect(() => score(catalog, {}, { criticality: 4 as 1, asOf })).toThrow(
      'criticality must be 1, 2 or 3',
    );
    expect(() => score(catalog, {}, { criticality: 1, asOf: '01/12/2026' })).toThrow(
      'asOf must be a date',
    );
    expect(() => score(catalog, { 'D01.1': 'sometimes' }, crit2)).toThrow('item "D01.1"');
  });
});
