// SECURITY ACTION: what was declared, whether the answers back it, and the credit it earns.
// A ★★ claim the self-check or the policy answer contradicts counts as ★ (it is capped, not
// zeroed), so claiming more can never score worse than claiming less.
import type { ScoringModel } from '../catalog/catalog.types';
import { FIVE_RULE_IDS, ITEM, SELF_CHECK_IDS } from '../catalog/item-ids';
import { isRecent } from '../answers/dates';
import type { AnswerView } from './answer-view';

export type Declared = 'none' | 'star1' | 'star2';
export type SelfCheckBand = 'achieved' | 'partly_insufficient' | 'insufficient' | 'urgent';

export interface SecurityActionAssessment {
  declared: Declared;
  effective: Declared;
  consistentWithSelfCheck: boolean;
  /** 5か条 answered 実施していない / わからない, or not answered. */
  fiveRulesFailing: string[];
  selfCheckTotal: number | null;
  selfCheckBand: SelfCheckBand | null;
  /** 自社診断 items answered 実施していない / わからない, or not answered (★★ only). */
  selfCheckFailing: string[];
  selfCheckStale: boolean;
  policyPublished: boolean;
  /** 0..1: none 0, ★ 0.5 (0.25 when the 5か条 are not all practised), backed ★★ 1. */
  credit: number;
}

/** 自社診断 score bands (DOMAIN.md §3.3). */
export function selfCheckBand(total: number): SelfCheckBand {
  if (total >= 100) return 'achieved';
  if (total >= 70) return 'partly_insufficient';
  if (total >= 50) return 'insufficient';
  return 'urgent';
}

const failing = (view: AnswerView, ids: string[]): string[] =>
  ids.filter((id) => {
    const o = view.option(id);
    return !o || o.flag === 'unknown' || (o.score ?? 0) <= 0;
  });

export function assessSecurityAction(
  view: AnswerView,
  model: ScoringModel,
  asOf: string,
): SecurityActionAssessment {
  const code = view.code(ITEM.saLevel);
  const declared: Declared = code === 'star1' || code === 'star2' ? code : 'none';
  const fiveRulesFailing = failing(view, FIVE_RULE_IDS);
  const policyPublished = view.bool(ITEM.saPolicy) === true;

  let selfCheckTotal: number | null = null;
  let selfCheckFailing: string[] = [];
  let selfCheckStale = false;
  if (declared === 'star2') {
    const options = SELF_CHECK_IDS.map((id) => view.option(id));
    if (options.every((o) => o !== undefined)) {
      selfCheckTotal = options.reduce((sum, o) => sum + (o?.score ?? 0), 0);
    }
    selfCheckFailing = failing(view, SELF_CHECK_IDS);
    const date = view.text(ITEM.selfCheckDate);
    selfCheckStale = date === null || !isRecent(date, asOf, model.recentMonths);
  }
  const consistent =
    declared !== 'star2' || (selfCheckFailing.length === 0 && policyPublished && !selfCheckStale);
  const effective: Declared = declared === 'star2' && !consistent ? 'star1' : declared;
  const credit =
    effective === 'star2'
      ? 1
      : effective === 'star1'
        ? fiveRulesFailing.length === 0
          ? 0.5
          : 0.25
        : 0;

  return {
    declared,
    effective,
    consistentWithSelfCheck: consistent,
    fiveRulesFailing,
    selfCheckTotal,
    selfCheckBand: selfCheckTotal === null ? null : selfCheckBand(selfCheckTotal),
    selfCheckFailing,
    selfCheckStale,
    policyPublished,
    credit,
  };
}
