// Scores 10,000 varied, valid answer sets on one core. Baseline: a trivial pass over the same sets
// (summing every numeric answer), the floor cost of touching the data. Median of a few runs.
import {
  DEFAULT_CATALOG_VERSION,
  getCatalog,
  score,
  type Answers,
  type SupplierProfile,
} from '@kakehashi/domain';
import { randomAnswerSet, seededRandom } from '../../libs/domain/test/support/random-answers';

const SETS = 10_000;
const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Answer sets per second for `work` over all sets, median of RUNS timed runs after one warm-up. */
function measure(work: () => number): { rate: number; check: number } {
  let check = work();
  const rates: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    check += work();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(SETS / seconds);
  }
  return { rate: median(rates), check };
}

export async function run(): Promise<void> {
  const catalog = getCatalog(DEFAULT_CATALOG_VERSION)!;
  const rnd = seededRandom(20261201);
  const sets: { answers: Answers; profile: SupplierProfile }[] = Array.from({ length: SETS }, () =>
    randomAnswerSet(catalog, rnd),
  );

  const baseline = measure(() => {
    let sum = 0;
    for (const { answers } of sets) {
      for (const key in answers) {
        const v = answers[key];
        if (typeof v === 'number') sum += v;
      }
    }
    return sum;
  });

  let scored = 0;
  const ours = measure(() => {
    let sum = 0;
    scored = 0;
    for (const { answers, profile } of sets) {
      const r = score(catalog, answers, profile);
      sum += r.riskScore;
      if (r.status === 'scored') scored++;
    }
    return sum;
  });

  // The checksums keep the work from being optimised away; the counts show the mix was realistic.
  console.log(
    `engine: ${SETS} answer sets (${scored} complete, ${SETS - scored} incomplete), median of ${RUNS} runs; ` +
      `scoring takes ${(SETS / ours.rate).toFixed(3)} s per 10,000 (checksums ${ours.check.toFixed(1)}, ${baseline.check})`,
  );
  console.log(
    `bench engine: ours ${Math.round(ours.rate)} answer-sets/s, baseline ${Math.round(baseline.rate)} answer-sets/s, ratio ${(ours.rate / baseline.rate).toFixed(2)}`,
  );
}
