import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { UserRole } from '@kakehashi/database';
import { AuthenticatedUser } from './authenticated-user';

export const IS_PUBLIC_KEY = 'kakehashi:public';
export const ROLES_KEY = 'kakehashi:roles';

/** Routes are closed by default; this opens one to anonymous callers. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/** Restricts a route to these roles (admin always passes). */
export const Roles = (...roles: UserRole[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user,
);
