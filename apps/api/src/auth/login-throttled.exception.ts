import { HttpException, HttpStatus } from '@nestjs/common';
import type { LoginRetryAfter } from './login-throttle';

/** A login refused by the limits before the password is checked; carries how long to wait. */
export class LoginThrottledException extends HttpException {
  constructor(readonly retryAfter: LoginRetryAfter) {
    super('Too many login attempts; wait a minute and try again', HttpStatus.TOO_MANY_REQUESTS);
  }
}
