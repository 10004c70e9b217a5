import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { AuthService } from './auth.service';
import { AuthenticatedUser } from './authenticated-user';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({
      usernameField: 'email',
      passwordField: 'password',
      passReqToCallback: true,
      session: false,
    });
  }

  async validate(
    request: { ip?: string },
    email: string,
    password: string,
  ): Promise<AuthenticatedUser> {
    const user = await this.auth.validateCredentials({ email, password, ip: request.ip ?? null });
    if (!user) {
      // One answer for an unknown email and a wrong password.
      throw new UnauthorizedException('Invalid email or password');
    }
    return user;
  }
}
