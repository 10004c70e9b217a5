import { ConflictException } from '@nestjs/common';

/**
 * Two requests registering the same 法人番号 at once (a form and an import, say): the unique
 * index decides, and the loser answers 409 instead of 500.
 */
export function conflictOnDuplicate(error: unknown): never {
  const driverError = error as { code?: string; constraint?: string };
  if (
    driverError.code === '23505' &&
    driverError.constraint === 'uq_suppliers_organization_corporate_number'
  ) {
    throw new ConflictException(
      '法人番号 (corporateNumber) is already registered in this organization',
    );
  }
  throw error;
}
