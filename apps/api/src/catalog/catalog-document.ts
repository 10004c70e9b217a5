import {
  Catalog,
  CatalogItem,
  CATALOG_VERSIONS,
  DEFAULT_CATALOG_VERSION,
  getCatalog,
  ItemCondition,
  ItemKind,
  LocalizedText,
  MaturityLevel,
} from '@kakehashi/domain';

/** One entry of GET /catalog: what an integrator needs to pick the version of a campaign. */
export interface CatalogVersionSummary {
  version: string;
  default: boolean;
  title: LocalizedText;
  publishedOn: string;
  editions: { framework: string; edition: string }[];
  sections: number;
  items: number;
}

/**
 * An item as the supplier sees it, in the shape of GET /respond/:token without the answer-dependent
 * fields (`visible`, `answer`): `required` holds when the item is shown, `visibleWhen` says when.
 */
export interface CatalogDocumentItem {
  id: string;
  kind: ItemKind;
  required: boolean;
  text: LocalizedText;
  help?: LocalizedText;
  options?: { code: string; label: LocalizedText }[];
  levels?: MaturityLevel[];
  min?: number;
  max?: number;
  maxLength?: number;
  format?: 'url';
  notAfter?: 'today';
  visibleWhen?: ItemCondition[];
}

/** GET /catalog/:version: the questionnaire of one version; scoring parameters stay internal. */
export interface CatalogDocument {
  version: string;
  default: boolean;
  title: LocalizedText;
  publishedOn: string;
  editions: { framework: string; edition: string }[];
  sections: {
    id: string;
    title: LocalizedText;
    description?: LocalizedText;
    directive?: number;
    items: CatalogDocumentItem[];
  }[];
}

export function listCatalogVersions(): CatalogVersionSummary[] {
  return CATALOG_VERSIONS.map((version) => {
    const catalog = getCatalog(version)!;
    return {
      ...header(catalog),
      sections: catalog.sections.length,
      items: catalog.sections.reduce((sum, section) => sum + section.items.length, 0),
    };
  });
}

// A published catalog never changes, so each document is built once.
const documents = new Map<string, CatalogDocument>();

/** Undefined for a version that was never published. */
export function catalogDocument(version: string): CatalogDocument | undefined {
  const cached = documents.get(version);
  if (cached) return cached;
  const catalog = getCatalog(version);
  if (!catalog) return undefined;
  const document: CatalogDocument = {
    ...header(catalog),
    sections: catalog.sections.map((section) => ({
      id: section.id,
      title: section.title,
      ...(section.description ? { description: section.description } : {}),
      ...(section.directive ? { directive: section.directive } : {}),
      items: section.items.map(toDocumentItem),
    })),
  };
  documents.set(version, document);
  return document;
}

function header(catalog: Catalog) {
  return {
    version: catalog.version,
    default: catalog.version === DEFAULT_CATALOG_VERSION,
    title: catalog.title,
    publishedOn: catalog.publishedOn,
    editions: catalog.editions,
  };
}

function toDocumentItem(item: CatalogItem): CatalogDocumentItem {
  return {
    id: item.id,
    kind: item.kind,
    required: item.required,
    text: item.text,
    ...(item.help ? { help: item.help } : {}),
    // Option points and flags are scoring parameters, not part of the questionnaire.
    ...(item.options
      ? { options: item.options.map((o) => ({ code: o.code, label: o.label })) }
      : {}),
    ...(item.levels ? { levels: item.levels } : {}),
    ...(item.min !== undefined ? { min: item.min } : {}),
    ...(item.max !== undefined ? { max: item.max } : {}),
    ...(item.maxLength !== undefined ? { maxLength: item.maxLength } : {}),
    ...(item.format ? { format: item.format } : {}),
    ...(item.notAfter ? { notAfter: item.notAfter } : {}),
    ...(item.conditions?.length ? { visibleWhen: item.conditions } : {}),
  };
}
