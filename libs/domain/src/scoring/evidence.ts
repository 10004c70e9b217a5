// Evidence that has aged out as of `asOf`. Data-driven: any date item with an `evidence` rule.
import { monthsBefore } from '../answers/dates';
import type { AnswerView } from './answer-view';

export interface ExpiredEvidence {
  itemId: string;
  date: string;
  /** The date the evidence stopped counting. */
  expiredOn: string;
}

export function expiredEvidence(view: AnswerView, asOf: string): ExpiredEvidence[] {
  const out: ExpiredEvidence[] = [];
  for (const item of view.index.items) {
    if (!item.evidence) continue;
    const date = view.text(item.id);
    if (date === null) continue;
    if (item.evidence.kind === 'expiresOn') {
      if (date < asOf) out.push({ itemId: item.id, date, expiredOn: date });
    } else if (date < monthsBefore(asOf, item.evidence.months)) {
      out.push({ itemId: item.id, date, expiredOn: plusMonths(date, item.evidence.months) });
    }
  }
  return out;
}

function plusMonths(date: string, months: number): string {
  // monthsBefore with a negative count moves forward.
  return monthsBefore(date, -months);
}
