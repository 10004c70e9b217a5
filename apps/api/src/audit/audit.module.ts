import { Module } from '@nestjs/common';
import { DatabaseModule } from '@kakehashi/database';
import { AuditExportService } from './audit-export.service';
import { AuditReferencesQuery } from './audit-references.query';
import { AuditController } from './audit.controller';
import { AuditPageController } from './pages/audit-page.controller';

/** The tenant's audit trail for admins and auditors: the JSON API, its CSV and the console page. */
@Module({
  imports: [DatabaseModule],
  controllers: [AuditController, AuditPageController],
  providers: [AuditReferencesQuery, AuditExportService],
})
export class AuditModule {}
