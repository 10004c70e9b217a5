// Deterministic, varied, valid answer sets for the benchmark (no fast-check: a seeded PRNG).
import type { AnswerValue, Answers, Catalog, CatalogItem, SupplierProfile } from '../../src';

/** mulberry32: tiny, fast, good enough to vary answers reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function randomValue(item: CatalogItem, rnd: () => number): AnswerValue {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const codes = (item.options ?? []).map((o) => o.code);
  switch (item.kind) {
    case 'maturity':
      return 1 + Math.floor(rnd() * 5);
    case 'single':
      return pick(codes);
    case 'multi':
      return codes.filter(() => rnd() < 0.4);
    case 'yesno':
      return rnd() < 0.5;
    case 'date': {
      const day = Math.floor(rnd() * 1000);
      return new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    }
    case 'number':
      return Math.floor(rnd() * Math.min(item.max ?? 10_000, 10_000));
    case 'text':
      return item.format === 'url'
        ? 'https://example.jp/policy'
        : `回答 ${Math.floor(rnd() * 1000)}`;
    case 'file':
      return `evidence-${Math.floor(rnd() * 1e6)}`;
  }
}

export function randomAnswerSet(
  catalog: Catalog,
  rnd: () => number,
): { answers: Answers; profile: SupplierProfile } {
  const answers: Answers = {};
  const items = catalog.sections.flatMap((s) => s.items);
  for (const item of items) answers[item.id] = randomValue(item, rnd);
  // About one set in ten leaves an item unanswered, so some score as incomplete, as in real use.
  if (rnd() < 0.1) answers[items[Math.floor(rnd() * items.length)].id] = null;
  const profile: SupplierProfile = {
    criticality: (1 + Math.floor(rnd() * 3)) as 1 | 2 | 3,
    handlesConfidentialData: rnd() < 0.4,
    outageImpact: rnd() < 0.3,
    networkAccess: rnd() < 0.3,
    asOf: '2026-12-01',
  };
  return { answers, profile };
}
