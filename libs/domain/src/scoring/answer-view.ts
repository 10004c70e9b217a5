// Read-only access to the answers the engine may use: an answer to an item hidden by a condition
// is kept in storage but ignored here, as if it were not given.
import type { AnswerValue, Answers, Catalog, CatalogOption } from '../catalog/catalog.types';
import { indexCatalog, type CatalogIndex } from '../catalog/catalog-index';
import { isAnswered, resolveVisibility } from '../answers/resolve-items';

export class AnswerView {
  readonly index: CatalogIndex;
  /** 1 where the item at that catalog position is visible. */
  readonly visibility: Uint8Array;

  constructor(
    readonly catalog: Catalog,
    readonly answers: Answers,
  ) {
    this.index = indexCatalog(catalog);
    this.visibility = resolveVisibility(this.index, answers);
  }

  visible(id: string): boolean {
    return this.visibility[this.index.position.get(id) ?? -1] === 1;
  }

  /** The answer if the item is visible and answered, else null. */
  value(id: string): AnswerValue {
    if (!this.visible(id)) return null;
    const v = this.answers[id];
    return isAnswered(v) ? (v as AnswerValue) : null;
  }

  option(id: string): CatalogOption | undefined {
    const v = this.value(id);
    return typeof v === 'string' ? this.index.options.get(id)?.get(v) : undefined;
  }

  code(id: string): string | null {
    return this.option(id)?.code ?? null;
  }

  list(id: string): string[] {
    const v = this.value(id);
    return Array.isArray(v) ? v : [];
  }

  bool(id: string): boolean | null {
    const v = this.value(id);
    return typeof v === 'boolean' ? v : null;
  }

  text(id: string): string | null {
    const v = this.value(id);
    return typeof v === 'string' ? v : null;
  }

  num(id: string): number | null {
    const v = this.value(id);
    return typeof v === 'number' ? v : null;
  }
}
