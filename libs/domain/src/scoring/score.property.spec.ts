// Properties over any answer set the catalog allows (fast-check).
import fc from 'fast-check';
import {
  answersArb,
  betterValues,
  profileArb,
  valueArb,
} from '../../test/support/answer-arbitrary';
import { catalog } from '../../test/support/answer-builders';
import { AnswerValidationError } from '../answers/answer-validation.error';
import type { AnswerValue, Answers, CatalogItem } from '../catalog/catalog.types';
import { score } from './score';
import type { Tier } from './scoring.types';

const items = catalog.sections.flatMap((s) => s.items);
const orderedItems = items.filter((i) => i.ordered);
const TIER_RANK: Record<Tier, number> = { low: 0, medium: 1, high: 2, critical: 3 };
/** Requirement gates; EVIDENCE_CURRENT reports on what was claimed, so a new claim may add stale evidence. */
const REQUIREMENT_GATES = ['SA_STAR2', 'SME_MONITORING', 'IOT_JCSTAR_STAR1'];
const runs = { numRuns: 400 };

/** An answer set plus one ordered item and a strictly better value for it. */
const improvementArb = fc
  .tuple(answersArb(catalog), fc.constantFrom(...orderedItems), fc.nat())
  .chain(([answers, item, pick]) =>
    valueArb(item).map((start) => {
      const before: Answers = { ...answers, [item.id]: start };
      const better = betterValues(item, start);
      return { before, item, better: better.length ? better[pick % better.length] : undefined };
    }),
  )
  .filter(
    (x): x is { before: Answers; item: CatalogItem; better: AnswerValue } => x.better !== undefined,
  );

describe('score properties', () => {
  it('stays in range for any answer set the catalog allows', () => {
    fc.assert(
      fc.property(answersArb(catalog), profileArb, (answers, profile) => {
        const r = score(catalog, answers, profile);
        expect(r.riskScore).toBeGreaterThanOrEqual(0);
        expect(r.riskScore).toBeLessThanOrEqual(100);
        expect(r.directiveMaturity).toHaveLength(10);
        for (const m of r.directiveMaturity) {
          expect(m).toBeGreaterThanOrEqual(1);
          expect(m).toBeLessThanOrEqual(5);
          expect(Math.round(m * 100) / 100).toBe(m);
        }
        expect(r.overallMaturity).toBeGreaterThanOrEqual(1);
        expect(r.overallMaturity).toBeLessThanOrEqual(5);
        expect(r.status).toBe(r.missing.length === 0 ? 'scored' : 'incomplete');
        for (const f of r.findings)
          for (const d of f.directives) expect(d >= 1 && d <= 10).toBe(true);
      }),
      runs,
    );
  });

  it('never raises the risk when a single answer gets better', () => {
    fc.assert(
      fc.property(improvementArb, profileArb, ({ before, item, better }, profile) => {
        const r0 = score(catalog, before, profile);
        const r1 = score(catalog, { ...before, [item.id]: better }, profile);
        expect(r1.riskScore).toBeLessThanOrEqual(r0.riskScore);
        expect(TIER_RANK[r1.tier]).toBeLessThanOrEqual(TIER_RANK[r0.tier]);
        r1.directiveMaturity.forEach((m, i) =>
          expect(m).toBeGreaterThanOrEqual(r0.directiveMaturity[i]),
        );
        for (const code of REQUIREMENT_GATES) {
          const was = r0.gates.find((g) => g.code === code)?.passed;
          if (was) expect(r1.gates.find((g) => g.code === code)?.passed).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('is deterministic and ignores the order of answer keys', () => {
    fc.assert(
      fc.property(answersArb(catalog), profileArb, fc.integer(), (answers, profile, seed) => {
        const entries = Object.entries(answers);
        const shuffled = Object.fromEntries(
          entries
            .map((e, i) => [((i + 1) * (seed | 1)) >>> 0, e] as const)
            .sort((a, b) => a[0] - b[0])
            .map(([, e]) => e),
        );
        const r = score(catalog, answers, profile);
        expect(score(catalog, answers, profile)).toEqual(r);
        expect(score(catalog, shuffled, profile)).toEqual(r);
      }),
      runs,
    );
  });

  it('rejects a wrong value type with an error naming the item', () => {
    const wrong: Record<string, unknown[]> = {
      maturity: [0, 6, 2.5, '3', true],
      single: [1, true, 'no-such-code', ['done']],
      multi: ['helpdesk', [1], ['no-such-code'], {}],
      yesno: ['true', 1, 0, []],
      date: ['2026-02-30', '20260101', 20260101, '2026-1-1'],
      number: ['12', Number.POSITIVE_INFINITY, Number.NaN, true],
      text: [12, false, ['a']],
      file: [7, true, {}],
    };
    fc.assert(
      fc.property(
        answersArb(catalog),
        fc.constantFrom(...items),
        fc.nat(),
        (answers, item, pick) => {
          const bad = wrong[item.kind][pick % wrong[item.kind].length];
          try {
            score(
              catalog,
              { ...answers, [item.id]: bad as AnswerValue },
              { criticality: 2, asOf: '2026-12-01' },
            );
          } catch (err) {
            expect(err).toBeInstanceOf(AnswerValidationError);
            expect((err as AnswerValidationError).itemId).toBe(item.id);
            expect((err as Error).message).toContain(`"${item.id}"`);
            return;
          }
          throw new Error(`accepted ${JSON.stringify(bad)} for ${item.id}`);
        },
      ),
      runs,
    );
  });

  it('rejects unknown item ids, naming the id', () => {
    const known = new Set(items.map((i) => i.id));
    fc.assert(
      fc.property(
        answersArb(catalog),
        fc.string({ minLength: 1 }).filter((id) => !known.has(id) && id !== '__proto__'),
        (answers, id) => {
          expect(() =>
            score(catalog, { ...answers, [id]: 'done' }, { criticality: 1, asOf: '2026-12-01' }),
          ).toThrow(expect.objectContaining({ itemId: id }));
        },
      ),
      runs,
    );
  });
});
