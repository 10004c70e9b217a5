import { BadRequestException, CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { LoginDto } from './dto/login.dto';

/**
 * Guards run before pipes, so the body is validated here: a malformed body is a 400
 * naming the field, not a 401.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override canActivate(context: ExecutionContext): ReturnType<CanActivate['canActivate']> {
    const body: unknown = context.switchToHttp().getRequest<{ body?: unknown }>().body ?? {};
    const errors = validateSync(plainToInstance(LoginDto, body), { whitelist: true });
    if (errors.length > 0) {
      throw new BadRequestException(errors.flatMap((e) => Object.values(e.constraints ?? {})));
    }
    return super.canActivate(context);
  }
}
