import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HttpExceptionFilter } from '../common/http-exception.filter';
import { setRetryAfterHeaders } from './login-throttle';
import { LoginThrottledException } from './login-throttled.exception';

/** The JSON login's 429: the usual error body, with Retry-After and one header per limit. */
@Catch(LoginThrottledException)
export class LoginThrottledFilter implements ExceptionFilter {
  private readonly json = new HttpExceptionFilter();

  catch(exception: LoginThrottledException, host: ArgumentsHost): void {
    setRetryAfterHeaders(host.switchToHttp().getResponse<FastifyReply>(), exception.retryAfter);
    this.json.catch(exception, host);
  }
}
