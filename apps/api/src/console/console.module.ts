import { Module } from '@nestjs/common';
import { AuthApiModule } from '../auth/auth-api.module';
import { AuthModule } from '@kakehashi/auth';
import { ConsoleAuthController } from './console-auth.controller';
import { ConsoleHomeController } from './console-home.controller';

/** AuthApiModule registers the passport-local strategy the login form's guard signs in with. */
@Module({
  imports: [AuthModule, AuthApiModule],
  controllers: [ConsoleAuthController, ConsoleHomeController],
})
export class ConsoleModule {}
