// Published catalog versions. A catalog is validated the first time it is asked for, then frozen
// and cached; answered questionnaires stay bound to the version they were sent with.
import type { Catalog, LocalizedText } from './catalog.types';
import { deepFreeze } from './deep-freeze';
import { METI_V3_SA_3_1 } from './meti-v3-sa-3-1';
import { validateCatalog } from './validate-catalog';

const SOURCES: Record<string, Catalog> = {
  [METI_V3_SA_3_1.version]: METI_V3_SA_3_1,
};

export const CATALOG_VERSIONS: string[] = Object.keys(SOURCES);
export const DEFAULT_CATALOG_VERSION = METI_V3_SA_3_1.version;

const loaded = new Map<string, Catalog>();

export function getCatalog(version: string): Catalog | undefined {
  const cached = loaded.get(version);
  if (cached) return cached;
  if (!Object.hasOwn(SOURCES, version)) return undefined;
  const catalog = SOURCES[version];
  validateCatalog(catalog);
  loaded.set(version, deepFreeze(catalog));
  return catalog;
}

export function listCatalogs(): { version: string; title: LocalizedText; publishedOn: string }[] {
  return CATALOG_VERSIONS.map((version) => {
    const { title, publishedOn } = SOURCES[version];
    return { version, title, publishedOn };
  });
}
