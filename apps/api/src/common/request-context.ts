import { AsyncLocalStorage } from 'node:async_hooks';
import { Global, Module } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { AUDIT_REQUEST_IP, type AuditRequestIp } from '@kakehashi/database';

/** What is known of the HTTP request being served, wherever its work goes on. */
export interface RequestContext {
  /** The client's address as `request.ip` resolves it (the app's trust-proxy setting applied). */
  ip: string;
  /** The request's id, as the logs and the x-request-id header give it. */
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The request whose work is running now; none outside a request (the worker, the CLI, boot). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/**
 * Serves every request inside its own context, from its first hook to the last piece of work it
 * starts: the audit trail reads the client's IP from it, so no caller has to pass it along.
 * Fastify keeps the context across body parsing (its content-type parser runs in the request's
 * async scope), so the handlers of posted forms and JSON see it too.
 */
export function registerRequestContext(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    storage.run({ ip: request.ip, requestId: String(request.id) }, done);
  });
}

const requestIp: AuditRequestIp = () => currentRequest()?.ip ?? null;

/** Lends the request's IP to the audit trail (global: DatabaseModule's AuditService reads it). */
@Global()
@Module({
  providers: [{ provide: AUDIT_REQUEST_IP, useValue: requestIp }],
  exports: [AUDIT_REQUEST_IP],
})
export class RequestContextModule {}
