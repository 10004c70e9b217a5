import { Module } from '@nestjs/common';
import { AuthModule } from '@kakehashi/auth';
import { ConsoleAuthController } from './console-auth.controller';
import { ConsoleHomeController } from './console-home.controller';

@Module({
  imports: [AuthModule],
  controllers: [ConsoleAuthController, ConsoleHomeController],
})
export class ConsoleModule {}
