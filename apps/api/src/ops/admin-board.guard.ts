import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { JwtPayload, SESSION_COOKIE } from '@kakehashi/auth';

export const BOARD_ROUTE = '/admin/queues';

/**
 * Bull Board is a Fastify plugin mounted outside Nest's guards, so this onRequest hook closes
 * its whole prefix (pages, assets, API, retry buttons) to everyone but tenant admins: the
 * session cookie or a Bearer token must carry a valid JWT with role admin.
 */
@Injectable()
export class AdminBoardGuard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly jwt: JwtService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0];
      if (path !== BOARD_ROUTE && !path.startsWith(`${BOARD_ROUTE}/`)) return;
      const role = await this.roleOf(request);
      if (role === 'admin') return;
      const statusCode = role ? 403 : 401;
      await reply.code(statusCode).send({
        statusCode,
        error: role ? 'Forbidden' : 'Unauthorized',
        message: role ? 'the queue board is for administrators' : 'sign in as an administrator',
      });
    });
  }

  private async roleOf(request: FastifyRequest): Promise<string | undefined> {
    const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> })
      .cookies;
    const header = request.headers.authorization;
    const token =
      cookies?.[SESSION_COOKIE] ?? (header?.startsWith('Bearer ') ? header.slice(7) : undefined);
    if (!token) return undefined;
    try {
      const payload = await this.jwt.verifyAsync<JwtPayload>(token, { algorithms: ['HS256'] });
      return payload.role;
    } catch {
      return undefined;
    }
  }
}
