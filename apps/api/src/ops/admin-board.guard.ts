import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedUser, AuthService, SESSION_COOKIE } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';

export const BOARD_ROUTE = '/admin/queues';

/**
 * Bull Board is a Fastify plugin mounted outside Nest's guards, so this onRequest hook closes
 * its whole prefix (pages, assets, API, retry buttons) to everyone but the operators: the
 * session cookie or a Bearer token must belong to a live session (checked as every API request
 * is: a logged-out token is refused) of an admin of an organization listed in
 * OPERATOR_ORGANIZATION_IDS (the board shows every tenant's jobs).
 */
@Injectable()
export class AdminBoardGuard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
    private readonly env: Environment,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!isBoardRequest(request)) return;
      const session = await this.sessionOf(request);
      if (session?.role === 'admin' && this.env.isOperatorOrganization(session.organizationId)) {
        return;
      }
      const statusCode = session ? 403 : 401;
      await reply.code(statusCode).send({
        statusCode,
        error: session ? 'Forbidden' : 'Unauthorized',
        message: session
          ? 'the queue board is for administrators of the operating organization'
          : 'sign in as an administrator',
      });
    });
  }

  private async sessionOf(request: FastifyRequest): Promise<AuthenticatedUser | undefined> {
    const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> })
      .cookies;
    const header = request.headers.authorization;
    // The same order as the API's JwtStrategy: a Bearer token first, then the session cookie.
    const token =
      (header?.startsWith('Bearer ') ? header.slice(7) : undefined) ?? cookies?.[SESSION_COOKIE];
    if (!token) return undefined;
    return (await this.auth.authenticate(token)) ?? undefined;
  }
}

/**
 * Judged on the route Fastify matched (it decodes %xx before routing), and on the decoded path
 * as a fallback, so `/admin/queue%73` cannot slip past a raw-URL comparison.
 */
function isBoardRequest(request: FastifyRequest): boolean {
  const paths = [request.routeOptions?.url ?? ''];
  try {
    paths.push(decodeURIComponent(request.url.split('?')[0]));
  } catch {
    paths.push(request.url);
  }
  return paths.some((path) => path === BOARD_ROUTE || path.startsWith(`${BOARD_ROUTE}/`));
}
