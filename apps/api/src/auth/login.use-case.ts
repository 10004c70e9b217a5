import { Injectable } from '@nestjs/common';
import { AuthService, AuthenticatedUser } from '@kakehashi/auth';
import { isRetryAfter, LoginRetryAfter, LoginThrottle } from './login-throttle';

/** A user signed in, with the token of the session just opened for them. */
export interface SignedInUser {
  user: AuthenticatedUser;
  token: string;
  /** The user's own language (users.locale): the console starts in it on a fresh browser. */
  locale: string;
}

export type LoginResult =
  | ({ outcome: 'signed-in' } & SignedInUser)
  | { outcome: 'invalid' }
  | { outcome: 'throttled'; retryAfter: LoginRetryAfter };

/** One login attempt, throttled, checked and signed; LocalStrategy runs it for both logins. */
@Injectable()
export class LoginUseCase {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
  ) {}

  async execute(input: { email: string; password: string; ip: string }): Promise<LoginResult> {
    const slot = await this.throttle.take(input);
    if (isRetryAfter(slot)) return { outcome: 'throttled', retryAfter: slot };
    let failed = false;
    try {
      const found = await this.auth.validateCredentials(input);
      if (!found) {
        failed = true;
        return { outcome: 'invalid' };
      }
      const { locale, ...user } = found;
      const token = await this.auth.issueToken(user);
      return { outcome: 'signed-in', user, token, locale };
    } finally {
      // Only a wrong email or password counts; an error on our side is not the caller's guess.
      await this.throttle.settle(slot, { failed });
    }
  }
}
