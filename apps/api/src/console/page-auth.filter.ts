import { ArgumentsHost, Catch, ExceptionFilter, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * For pages: a missing or expired session sends the person to the login page (and back after),
 * instead of the API's JSON 401. Use with `@UseFilters(PageAuthFilter)` on page controllers.
 */
@Catch(UnauthorizedException)
export class PageAuthFilter implements ExceptionFilter {
  catch(_exception: UnauthorizedException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    void reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  }
}
