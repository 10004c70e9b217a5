import {
  DEFAULT_CATALOG_VERSION,
  describeFinding,
  getCatalog,
  type FindingText,
  type LocalizedText,
} from '@kakehashi/domain';

/** A findings row as read from the database. */
export interface StoredFinding {
  code: string;
  directives: number[];
  itemIds: string[];
  params: Record<string, string | number> | null;
  message: object | null;
  recommendation: object | null;
}

/**
 * The ja/en text of a stored finding, rendered from its data with the catalog its score used.
 * Rows written before findings were stored as data carry their text, which is kept as written.
 */
export function storedFindingText(row: StoredFinding, catalogVersion: string): FindingText {
  if (row.message && row.recommendation) {
    return {
      message: row.message as LocalizedText,
      recommendation: row.recommendation as LocalizedText,
    };
  }
  const catalog = getCatalog(catalogVersion) ?? getCatalog(DEFAULT_CATALOG_VERSION)!;
  return describeFinding(catalog, {
    code: row.code,
    directives: row.directives.map(Number),
    itemIds: row.itemIds,
    params: row.params ?? {},
  });
}
