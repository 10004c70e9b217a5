// Which items apply given the answers so far. Conditions only point at earlier items, so one pass
// in catalog order settles every item, including chains (a hidden item satisfies nothing).
import type { AnswerValue, Answers, Catalog, CatalogItem } from '../catalog/catalog.types';
import { indexCatalog, type CatalogIndex } from '../catalog/catalog-index';

export interface ItemState {
  visible: boolean;
  /** A required item hidden by a condition is not required. */
  required: boolean;
}

export function resolveItems(catalog: Catalog, answers: Answers): Map<string, ItemState> {
  const index = indexCatalog(catalog);
  const visible = resolveVisibility(index, answers);
  const states = new Map<string, ItemState>();
  index.items.forEach((item, i) =>
    states.set(item.id, { visible: visible[i] === 1, required: visible[i] === 1 && item.required }),
  );
  return states;
}

/** Visibility per item position (1 = visible); the compact form the scorer uses. */
export function resolveVisibility(index: CatalogIndex, answers: Answers): Uint8Array {
  const visible = new Uint8Array(index.items.length);
  index.items.forEach((item, i) => {
    visible[i] = isVisible(item, answers, index, visible) ? 1 : 0;
  });
  return visible;
}

function isVisible(
  item: CatalogItem,
  answers: Answers,
  index: CatalogIndex,
  visible: Uint8Array,
): boolean {
  if (!item.conditions) return true;
  for (const c of item.conditions) {
    if (visible[index.position.get(c.itemId) ?? -1] !== 1) return false;
    if (!matches(answers[c.itemId], c.anyOf)) return false;
  }
  return true;
}

function matches(value: AnswerValue | undefined, anyOf: ReadonlyArray<string | boolean>): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.some((v) => anyOf.includes(v));
  return anyOf.includes(value as string | boolean);
}

/** True when the answer counts as given (an empty multi answer means "none of these"). */
export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  return true;
}
