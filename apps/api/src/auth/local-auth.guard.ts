import {
  createParamDecorator,
  ExecutionContext,
  Injectable,
  UnsupportedMediaTypeException,
  ValidationPipe,
} from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { LoginDto } from './dto/login.dto';
import type { SignedInUser } from './login.use-case';

/** What a login posted as anything but JSON is told (by ApiRequestPolicy too, before the body is read). */
export const SEND_CREDENTIALS_AS_JSON = { message: 'send the credentials as application/json' };

/** Validates as the global ValidationPipe does, so the 400 reads as on every other route. */
const loginBody = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true });

/**
 * Signs in through passport-local (LocalStrategy). Guards run before pipes, so the body is
 * checked here first: a malformed body is a 400 naming the field, not a 401, and costs no
 * attempt against the login limits.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.checkBody(context.switchToHttp().getRequest<FastifyRequest>());
    return super.canActivate(context) as Promise<boolean>;
  }

  /**
   * Throws unless the body may be tried; the console's form overrides it with its own checks.
   * JSON only: another site's page can post a form (urlencoded, multipart, text/plain) to this
   * route but never JSON, so it cannot sign a browser into an account of its choosing (login
   * CSRF; this route sets the session cookie too).
   */
  protected async checkBody(request: FastifyRequest): Promise<void> {
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      throw new UnsupportedMediaTypeException(SEND_CREDENTIALS_AS_JSON.message);
    }
    await loginBody.transform(request.body, { type: 'body', metatype: LoginDto });
  }
}

/** The user LocalAuthGuard signed in, with the token of the session just opened. */
export const SignedIn = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SignedInUser =>
    context.switchToHttp().getRequest<{ user: SignedInUser }>().user,
);
