import type { Answers, Catalog } from '../catalog/catalog.types';
import { indexCatalog, type CatalogIndex } from '../catalog/catalog-index';
import { isAnswered, resolveVisibility } from './resolve-items';

/** Required, visible, unanswered item ids in catalog order (submit answers 400 {missing}). */
export function missingRequired(catalog: Catalog, answers: Answers): string[] {
  const index = indexCatalog(catalog);
  return missingFrom(index, answers, resolveVisibility(index, answers));
}

/** The same, from visibility the caller already resolved. */
export function missingFrom(index: CatalogIndex, answers: Answers, visible: Uint8Array): string[] {
  const missing: string[] = [];
  index.items.forEach((item, i) => {
    if (item.required && visible[i] === 1 && !isAnswered(answers[item.id])) missing.push(item.id);
  });
  return missing;
}
