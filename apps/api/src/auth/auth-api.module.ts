import { Module } from '@nestjs/common';
import { AuthModule } from '@kakehashi/auth';
import { DatabaseModule } from '@kakehashi/database';
import { AuthController } from './auth.controller';
import { LoginThrottle } from './login-throttle';
import { LoginUseCase } from './login.use-case';

/** The JSON login, logout and /me; exports the LoginUseCase the console's login form runs too. */
@Module({
  imports: [AuthModule, DatabaseModule],
  controllers: [AuthController],
  providers: [LoginThrottle, LoginUseCase],
  exports: [LoginUseCase],
})
export class AuthApiModule {}
