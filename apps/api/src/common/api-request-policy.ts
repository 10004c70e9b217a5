import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { isSameOrigin } from '../console/same-origin';
import { RESPOND_COOKIE } from '../respond/respond-session.service';

const API_PREFIX = '/api/v1/';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Cookies that sign a request in: the console's session and the supplier's exchanged link. */
const SESSION_COOKIES = [SESSION_COOKIE, RESPOND_COOKIE];

/**
 * Route config naming the body a route takes, with the 415 body its clients get for another
 * (`message` and whatever else they read, such as a `code`).
 */
export interface ApiBodyRouteConfig {
  /** A route that takes a file: any other body is refused. */
  multipartOnly?: Refusal;
  /** A JSON route's own words for any other body (the default names application/json). */
  jsonOnly?: Refusal;
}

type Refusal = { message: string } & Record<string, string>;

/**
 * Two rules for every write to the REST API, checked before the body is read:
 * - A write signed in by a cookie alone (a console page's fetch, the supplier's exchanged link)
 *   must come from our own pages: its Origin (or Referer) names us, as the console's forms must.
 *   SameSite=Lax keeps other sites' requests from carrying the cookie, but not a page on a
 *   sibling subdomain, which counts as the same site. API clients send `Authorization` and are
 *   not affected.
 * - A body is JSON, or multipart on the routes that take a file (their config says how to send
 *   it): anything else is a 415 naming what to send, not a confusing 400. Checked here, before
 *   Fastify reads the body, because Fastify refuses types it has no parser for (text/csv) on
 *   its own with a bare 415.
 */
@Injectable()
export class ApiRequestPolicy implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly env: Environment,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!WRITES.has(request.method) || !isApiRoute(request)) return;
      if (signedInByCookieOnly(request) && !isSameOrigin(request, this.env.APP_URL)) {
        return refuse(reply, 403, 'Forbidden', { message: CROSS_SITE });
      }
      const type = request.headers['content-type'];
      const multipart = /^multipart\/form-data\b/i.test(type ?? '');
      const config = request.routeOptions?.config as ApiBodyRouteConfig | undefined;
      if (config?.multipartOnly) {
        if (!multipart) await refuse(reply, 415, UNSUPPORTED, config.multipartOnly);
        return;
      }
      if (type === undefined || /^application\/json\b/i.test(type)) return;
      if (multipart && !config?.jsonOnly) return;
      return refuse(reply, 415, UNSUPPORTED, config?.jsonOnly ?? SEND_JSON);
    });
  }
}

const UNSUPPORTED = 'Unsupported Media Type';
const SEND_JSON = { message: 'send the body as application/json' };
const CROSS_SITE =
  'a request signed in by the session cookie must come from our own pages (its Origin names ' +
  'this site); API clients send the Authorization header instead';

function isApiRoute(request: FastifyRequest): boolean {
  const path = request.routeOptions?.url ?? request.url;
  return path.startsWith(API_PREFIX);
}

function signedInByCookieOnly(request: FastifyRequest): boolean {
  // Only a Bearer token signs a request in by itself (as JwtStrategy reads it): Basic or
  // Negotiate credentials, which browsers re-send on their own behind an intranet proxy, do not.
  if (/^Bearer\s+\S/i.test(request.headers.authorization ?? '')) return false;
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> })
    .cookies;
  return SESSION_COOKIES.some((name) => Boolean(cookies?.[name]));
}

async function refuse(
  reply: FastifyReply,
  statusCode: number,
  error: string,
  body: { message: string } & Record<string, string>,
): Promise<void> {
  await reply.code(statusCode).send({ statusCode, error, ...body });
}
