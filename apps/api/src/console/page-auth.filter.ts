import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  ForbiddenException,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, type AuthenticatedUser } from '@kakehashi/auth';
import { UnusableInputException } from '../common/nul-characters';
import { resolveLocale } from './console-locale';
import { renderConsolePage } from './console-page';
import { CONSOLE_TEXT } from './console-text';

/** Added to the login URL when a session cookie came back no longer valid: the page says so. */
export const SESSION_EXPIRED_PARAM = { name: 'session', value: 'expired' } as const;

/**
 * For pages: a missing or expired session sends the person to the login page (and back after),
 * and an address with a bad value (a filter typed into the URL), a page that is not there or
 * one not allowed answers a console page in their language with the same 400, 404 or 403
 * instead of the API's JSON (a form refused for a character that cannot be saved says so).
 * Use with `@UseFilters(PageAuthFilter)` on page controllers; forms that explain their own
 * refusals catch them before this filter sees them.
 */
@Catch(UnauthorizedException, ForbiddenException, NotFoundException, BadRequestException)
export class PageAuthFilter implements ExceptionFilter {
  async catch(
    exception: UnauthorizedException | ForbiddenException | NotFoundException | BadRequestException,
    host: ArgumentsHost,
  ): Promise<void> {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof UnauthorizedException) {
      let login = `/login?next=${encodeURIComponent(returnPath(request))}`;
      // A cookie that no longer opens a session (expired, signed out elsewhere): say so once,
      // and drop it. Someone who never signed in just gets the login page.
      if (request.cookies?.[SESSION_COOKIE]) {
        login += `&${SESSION_EXPIRED_PARAM.name}=${SESSION_EXPIRED_PARAM.value}`;
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
      void reply.redirect(login, 303);
      return;
    }
    const locale = resolveLocale(request, reply);
    const errors = CONSOLE_TEXT[locale].errors;
    const text =
      exception instanceof NotFoundException
        ? errors.notFound
        : isUnsavableForm(exception)
          ? errors.unsavableForm
          : exception instanceof BadRequestException
            ? errors.badRequest
            : errors.forbidden;
    await renderConsolePage(request, reply, {
      view: 'console/error',
      title: text.title,
      user: request.user ?? null,
      locale,
      status: exception.getStatus(),
      data: { heading: text.title, message: text.message },
    });
  }
}

/** A form post with a NUL character (UnusableInputGuard): the form is at fault, not the address. */
function isUnsavableForm(exception: unknown): boolean {
  return (
    exception instanceof UnusableInputException &&
    exception.input.problem === 'nul' &&
    exception.input.location === 'body'
  );
}

/** Form actions that have no page of their own: after signing in, go back to the page they are on. */
const ACTION_SUFFIX = /\/(?:reopen|close|launch|open|read-all|links\/revoke)$/;

/**
 * Where to come back after signing in: the page itself for a GET; for a form post, the page the
 * form is on (a POST cannot be replayed, and its action paths answer no GET).
 */
function returnPath(request: FastifyRequest): string {
  if (request.method === 'GET' || request.method === 'HEAD') return request.url;
  const path = request.url.split('?')[0];
  return path.replace(ACTION_SUFFIX, '') || '/console';
}
