import { ForbiddenException } from '@nestjs/common';
import { AuthenticatedUser } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';

/**
 * The development mail outbox holds every tenant's mail (supplier links included): only admins
 * of an operating organization (OPERATOR_ORGANIZATION_IDS) may read it.
 */
export function requireOperator(env: Environment, user: AuthenticatedUser): void {
  if (user.role !== 'admin' || !env.isOperatorOrganization(user.organizationId)) {
    throw new ForbiddenException(
      'the mail outbox is for administrators of the operating organization',
    );
  }
}
