// Lookup tables derived from a catalog once and cached per catalog object, so answer checks and
// scoring do not rescan the sections for every answer set.
import type { Catalog, CatalogItem, CatalogOption, CatalogSection } from './catalog.types';

export interface CatalogIndex {
  items: CatalogItem[];
  byId: Map<string, CatalogItem>;
  /** Item id → position in `items`. */
  position: Map<string, number>;
  /** Items offering a わからない option, for the unknown-answer finding. */
  withUnknown: CatalogItem[];
  sectionOf: Map<string, string>;
  options: Map<string, Map<string, CatalogOption>>;
  /** Index 0..9 → practice items and the maturity item of directive 1..10. */
  directives: {
    section: CatalogSection | undefined;
    practices: CatalogItem[];
    selfRating: CatalogItem | undefined;
  }[];
}

const cache = new WeakMap<Catalog, CatalogIndex>();

export function indexCatalog(catalog: Catalog): CatalogIndex {
  const hit = cache.get(catalog);
  if (hit) return hit;
  const index: CatalogIndex = {
    items: [],
    byId: new Map(),
    position: new Map(),
    withUnknown: [],
    sectionOf: new Map(),
    options: new Map(),
    directives: Array.from({ length: 10 }, () => ({
      section: undefined,
      practices: [],
      selfRating: undefined,
    })),
  };
  for (const section of catalog.sections) {
    if (section.directive) index.directives[section.directive - 1].section = section;
    for (const item of section.items) {
      index.position.set(item.id, index.items.length);
      index.items.push(item);
      if (item.options?.some((o) => o.flag === 'unknown')) index.withUnknown.push(item);
      index.byId.set(item.id, item);
      index.sectionOf.set(item.id, section.id);
      if (item.options) index.options.set(item.id, new Map(item.options.map((o) => [o.code, o])));
      const slot = item.directive ? index.directives[item.directive - 1] : undefined;
      if (slot && item.kind === 'maturity') slot.selfRating = item;
      else if (slot) slot.practices.push(item);
    }
  }
  cache.set(catalog, index);
  return index;
}
