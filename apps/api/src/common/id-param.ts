import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';

/**
 * The pipe for a resource id in the path: an id that is not a UUID cannot name anything, so it
 * gets the same 404 as an id the caller's organization does not have ("Supplier not found"),
 * never a validation error or a database error.
 */
export function resourceId(resource: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new NotFoundException(`${resource} not found`),
  });
}
