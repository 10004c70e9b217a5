import { ANSWER_FIXTURES, DEFAULT_CATALOG_VERSION, getCatalog, score } from '@kakehashi/domain';

export interface ScaleTemplate {
  idx: number;
  criticality: number;
  answers: object;
  result: ReturnType<typeof score>;
}

/**
 * Real engine results for every fixture answer set at every criticality: the scale seed copies
 * these, so its figures look like what the scoring processor writes, without scoring 100k sets.
 */
export function scaleTemplates(): ScaleTemplate[] {
  const catalog = getCatalog(DEFAULT_CATALOG_VERSION)!;
  const templates: ScaleTemplate[] = [];
  for (const fixture of Object.values(ANSWER_FIXTURES)) {
    for (const criticality of [1, 2, 3] as const) {
      templates.push({
        idx: templates.length,
        criticality,
        answers: fixture.answers,
        result: score(catalog, fixture.answers, { ...fixture.profile, criticality }),
      });
    }
  }
  return templates;
}
