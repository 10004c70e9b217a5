import { Module } from '@nestjs/common';
import { AuthApiModule } from '../auth/auth-api.module';
import { AuthModule } from '@kakehashi/auth';
import { ConsoleAuthController } from './console-auth.controller';
import { ConsoleHomeController } from './console-home.controller';

@Module({
  imports: [AuthModule, AuthApiModule],
  controllers: [ConsoleAuthController, ConsoleHomeController],
})
export class ConsoleModule {}
