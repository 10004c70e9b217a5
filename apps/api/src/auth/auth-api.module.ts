import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthModule } from '@kakehashi/auth';
import { DatabaseModule } from '@kakehashi/database';
import { AuthController } from './auth.controller';
import { LocalStrategy } from './local.strategy';
import { LoginThrottle } from './login-throttle';
import { LoginUseCase } from './login.use-case';

/**
 * The JSON login, logout and /me, and the passport-local strategy (LocalAuthGuard) the console's
 * login form signs in through too.
 */
@Module({
  imports: [AuthModule, DatabaseModule, PassportModule],
  controllers: [AuthController],
  providers: [LoginThrottle, LoginUseCase, LocalStrategy],
})
export class AuthApiModule {}
