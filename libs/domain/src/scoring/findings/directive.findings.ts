// Findings on the ten directives: capped self-ratings, weak directives, わからない answers.
import type { Finding } from '../scoring.types';
import { escalate, type FindingContext } from './finding-context';

/** Directives whose weakness hurts a buyer most: detection, response, recovery, supply chain. */
const KEY_DIRECTIVES = new Set([5, 7, 8, 9]);

export function directiveFindings(ctx: FindingContext): Finding[] {
  const out: Finding[] = [];
  const strong = ctx.risk.requiredLevel === 'strong';
  for (const d of ctx.directives) {
    if (d.capped && d.selfRating !== null && d.selfRatingItemId) {
      out.push({
        code: 'SELF_RATING_CAPPED',
        severity: d.selfRating - d.cap >= 2 ? 'medium' : 'low',
        directives: [d.directive],
        itemIds: [
          d.selfRatingItemId,
          ...d.practices.filter((p) => p.level !== null).map((p) => p.itemId),
        ],
        params: { selfRating: d.selfRating, cap: d.cap },
      });
    }
    if (d.maturity < 2.5) {
      const base = d.maturity < 2 ? 'medium' : 'low';
      out.push({
        code: 'DIRECTIVE_WEAK',
        severity: escalate(base, strong && KEY_DIRECTIVES.has(d.directive)),
        directives: [d.directive],
        itemIds: d.practices.filter((p) => p.level === 1).map((p) => p.itemId),
        params: { maturity: d.maturity },
      });
    }
  }
  return out;
}

export function unknownAnswerFindings(ctx: FindingContext): Finding[] {
  const items = ctx.view.index.withUnknown.filter(
    (item) => ctx.view.option(item.id)?.flag === 'unknown',
  );
  if (items.length === 0) return [];
  const directives = [...new Set(items.flatMap((i) => (i.directive ? [i.directive] : [])))].sort(
    (a, b) => a - b,
  );
  return [
    {
      code: 'UNKNOWN_ANSWERS',
      severity: 'info',
      directives,
      itemIds: items.map((i) => i.id),
      params: {},
    },
  ];
}
