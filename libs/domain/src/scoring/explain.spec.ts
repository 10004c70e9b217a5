// Every number in a score can be recomputed from the explanation.
import { catalog } from '../../test/support/answer-builders';
import { ANSWER_FIXTURES } from '../fixtures/answer-fixtures';
import { explain } from './explain';
import { score } from './score';

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

describe('explain', () => {
  it.each(Object.values(ANSWER_FIXTURES))('traces every number of $name back to answers', (f) => {
    const e = explain(catalog, f.answers, f.profile);
    const r = score(catalog, f.answers, f.profile);
    const m = catalog.scoring;

    e.directives.forEach((d, i) => {
      expect(d.maturity).toBe(r.directiveMaturity[i]);
      const levels = d.practices.flatMap((p) => (p.level === null ? [] : [p.level]));
      expect(d.practiceMean).toBe(round(levels.reduce((a, b) => a + b, 0) / levels.length, 2));
      expect(d.effectiveSelfRating).toBe(Math.min(d.selfRating!, d.cap));
      expect(
        round(m.practiceWeight * d.practiceMean! + m.selfRatingWeight * d.effectiveSelfRating!, 2),
      ).toBe(d.maturity);
      expect(d.formula).toContain(`= ${d.maturity}`);
      for (const p of d.practices) expect(p.answer).toBe(f.answers[p.itemId]);
    });
    expect(e.overallMaturity.value).toBe(r.overallMaturity);
    expect(round(r.directiveMaturity.reduce((a, b) => a + b, 0) / 10, 2)).toBe(r.overallMaturity);

    const strength = round(
      e.risk.components.reduce((s, c) => s + c.contribution, 0),
      4,
    );
    expect(strength).toBe(e.risk.strength);
    for (const c of e.risk.components) expect(c.contribution).toBe(round(c.value * c.weight, 4));
    expect(
      round(Math.min(100, 100 * (1 - strength) * e.risk.exposure.value + e.risk.gapPenalty), 1),
    ).toBe(r.riskScore);
    expect(e.risk.tier).toBe(r.tier);
    expect(e.risk.components.find((c) => c.key === 'maturity')?.itemIds).toContain('D07.M');
  });

  it('shows a capped self-rating in the formula', () => {
    const { answers, profile } = ANSWER_FIXTURES.star2Contradiction;
    const d1 = explain(catalog, answers, profile).directives[0];
    // D01: partial, partial, not done → mean(3, 3, 1) = 2.33 → cap 2; rating 4 → 0.6 × 2.33 + 0.4 × 2 = 2.2
    expect(d1).toMatchObject({
      practiceMean: 2.33,
      selfRating: 4,
      cap: 2,
      capped: true,
      maturity: 2.2,
    });
    expect(d1.formula).toBe('0.6 × 2.33 + 0.4 × min(4, cap 2) = 2.2');
    expect(d1.title.ja).toContain('指示1');
  });
});
