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
        message: {
          ja: `指示${d.directive}の自己評価（レベル${d.selfRating}）は実施状況の回答と整合しないため、レベル${d.cap}として扱いました。`,
          en: `Directive ${d.directive}: the self-rating ${d.selfRating} is not supported by the practice answers and counts as ${d.cap}.`,
        },
        recommendation: {
          ja: '実施状況の回答を見直すか、自己評価の根拠となる規程や記録を提出してください。',
          en: 'Review the practice answers, or send the policies or records that support the self-rating.',
        },
      });
    }
    if (d.maturity < 2.5) {
      const base = d.maturity < 2 ? 'medium' : 'low';
      const section = ctx.view.index.directives[d.directive - 1].section;
      out.push({
        code: 'DIRECTIVE_WEAK',
        severity: escalate(base, strong && KEY_DIRECTIVES.has(d.directive)),
        directives: [d.directive],
        itemIds: d.practices.filter((p) => p.level === 1).map((p) => p.itemId),
        message: {
          ja: `指示${d.directive}の成熟度が低い状態です（${d.maturity.toFixed(2)} / 5）。`,
          en: `Directive ${d.directive} maturity is low (${d.maturity.toFixed(2)} of 5).`,
        },
        recommendation: section?.recommendation ?? {
          ja: '実施状況を改善してください。',
          en: 'Improve the practices.',
        },
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
      message: {
        ja: `「わからない」と回答した項目が${items.length}件あります。これらは平均から除外しています。`,
        en: `${items.length} item(s) were answered "don't know"; they are left out of the averages.`,
      },
      recommendation: {
        ja: '担当者に確認して回答を更新してください。',
        en: 'Check with the person responsible and update the answers.',
      },
    },
  ];
}
