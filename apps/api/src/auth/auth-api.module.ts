import { Module } from '@nestjs/common';
import { AuthModule } from '@kakehashi/auth';
import { DatabaseModule } from '@kakehashi/database';
import { AuthController } from './auth.controller';

@Module({
  imports: [AuthModule, DatabaseModule],
  controllers: [AuthController],
})
export class AuthApiModule {}
