// Directive maturity (1.0–5.0) = practiceWeight × practice mean + selfRatingWeight × self-rating,
// where a practice answer of 0/2/4 points maps to level 1/3/5, わからない/該当しない are left out,
// and the self-rating is capped at the practice mean rounded half up (it cannot claim more than the
// practices show). Every step is non-decreasing in each answer, so a better answer never lowers it.
import type { ScoringModel } from '../catalog/catalog.types';
import type { AnswerView } from './answer-view';
import { mean, round2 } from './rounding';

export interface PracticeContribution {
  itemId: string;
  answer: string | null;
  /** Level 1..5 the answer counts as, or null when excluded. */
  level: number | null;
  excluded: 'unknown' | 'na' | 'unanswered' | null;
}

export interface DirectiveBreakdown {
  directive: number;
  practices: PracticeContribution[];
  practiceMean: number | null;
  selfRatingItemId: string | null;
  selfRating: number | null;
  cap: number;
  effectiveSelfRating: number | null;
  capped: boolean;
  maturity: number;
  basis: 'practice+self' | 'practice' | 'self' | 'none';
}

export function directiveBreakdowns(view: AnswerView, model: ScoringModel): DirectiveBreakdown[] {
  return view.index.directives.map((slot, i) => {
    const practices = slot.practices.map((item): PracticeContribution => {
      const option = view.option(item.id);
      if (!option) return { itemId: item.id, answer: null, level: null, excluded: 'unanswered' };
      if (option.flag || option.score === undefined) {
        return { itemId: item.id, answer: option.code, level: null, excluded: option.flag ?? 'na' };
      }
      return { itemId: item.id, answer: option.code, level: 1 + option.score, excluded: null };
    });
    const levels = practices.flatMap((p) => (p.level === null ? [] : [p.level]));
    // Rounded before use so the explanation's displayed mean reproduces the maturity exactly.
    const rawMean = mean(levels);
    const practiceMean = rawMean === null ? null : round2(rawMean);
    const selfRatingItemId = slot.selfRating?.id ?? null;
    const selfRating = selfRatingItemId ? view.num(selfRatingItemId) : null;
    const cap =
      practiceMean === null ? model.unverifiedSelfRatingCap : Math.floor(practiceMean + 0.5);
    const effectiveSelfRating = selfRating === null ? null : Math.min(selfRating, cap);

    let maturity: number;
    let basis: DirectiveBreakdown['basis'];
    if (practiceMean !== null && effectiveSelfRating !== null) {
      maturity = model.practiceWeight * practiceMean + model.selfRatingWeight * effectiveSelfRating;
      basis = 'practice+self';
    } else if (practiceMean !== null) {
      maturity = practiceMean;
      basis = 'practice';
    } else if (effectiveSelfRating !== null) {
      maturity = effectiveSelfRating;
      basis = 'self';
    } else {
      // Nothing to go on: count the floor of the scale rather than guess (only in incomplete sets).
      maturity = 1;
      basis = 'none';
    }
    return {
      directive: i + 1,
      practices,
      practiceMean,
      selfRatingItemId,
      selfRating,
      cap,
      effectiveSelfRating,
      capped: selfRating !== null && selfRating > cap,
      maturity: round2(maturity),
      basis,
    };
  });
}
