import { Module } from '@nestjs/common';
import { DatabaseModule } from '@kakehashi/database';
import { AuditController } from './audit.controller';

@Module({ imports: [DatabaseModule], controllers: [AuditController] })
export class AuditModule {}
