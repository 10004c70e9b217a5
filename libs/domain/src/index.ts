// Public API of the questionnaire catalog and scoring engine. Pure TypeScript: no Nest, no I/O.
export type {
  AnswerValue,
  Answers,
  Catalog,
  CatalogItem,
  CatalogOption,
  CatalogSection,
  EvidenceAge,
  ItemCondition,
  ItemKind,
  LocalizedText,
  MaturityLevel,
  ScoringModel,
  SizeClass,
} from './catalog/catalog.types';
export { CatalogValidationError } from './catalog/catalog-validation.error';
export { validateCatalog } from './catalog/validate-catalog';
export {
  CATALOG_VERSIONS,
  DEFAULT_CATALOG_VERSION,
  getCatalog,
  listCatalogs,
} from './catalog/registry';
export { ITEM, FIVE_RULE_IDS, SELF_CHECK_IDS } from './catalog/item-ids';

export { AnswerValidationError } from './answers/answer-validation.error';
export { resolveItems, type ItemState } from './answers/resolve-items';
export { validateAnswers, type ValidateAnswersOptions } from './answers/validate-answers';
export { missingRequired } from './answers/missing-required';

export type {
  Finding,
  FindingData,
  FindingParams,
  FindingText,
  Gate,
  Level,
  ScoreResult,
  Severity,
  SupplierProfile,
  Tier,
} from './scoring/scoring.types';
export { score } from './scoring/score';
export { describeFinding } from './scoring/findings/describe-finding';
export { explain, type DirectiveExplanation, type Explanation } from './scoring/explain';
export { ENGINE_VERSION } from './scoring/evaluate';

export { ANSWER_FIXTURES, type AnswerFixture } from './fixtures/answer-fixtures';
