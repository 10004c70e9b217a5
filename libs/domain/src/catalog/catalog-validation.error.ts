/** Thrown when a catalog breaks a structural rule; `problems` lists every rule broken. */
export class CatalogValidationError extends Error {
  constructor(
    readonly version: string,
    readonly problems: string[],
  ) {
    super(`Catalog "${version}" is invalid: ${problems.join('; ')}`);
    this.name = 'CatalogValidationError';
  }
}
