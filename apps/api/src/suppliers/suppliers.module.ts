import { Module } from '@nestjs/common';
import { DatabaseModule } from '@kakehashi/database';
import { SupplierExportService } from './export/supplier-export.service';
import { ImportSuppliersUseCase } from './import/import-suppliers.use-case';
import { SupplierImportPageController } from './pages/supplier-import-page.controller';
import { SupplierPagesController } from './pages/supplier-pages.controller';
import { PrimaryContactNotices } from './primary-contact-notices';
import { SupplierExportController } from './supplier-export.controller';
import { SupplierImportController } from './supplier-import.controller';
import { SuppliersController } from './suppliers.controller';
import { SuppliersService } from './suppliers.service';

@Module({
  imports: [DatabaseModule],
  // The import and export controllers come first so their paths are never read as /suppliers/:id.
  controllers: [
    SupplierImportController,
    SupplierExportController,
    SuppliersController,
    SupplierImportPageController,
    SupplierPagesController,
  ],
  providers: [
    SuppliersService,
    ImportSuppliersUseCase,
    SupplierExportService,
    PrimaryContactNotices,
  ],
  exports: [SuppliersService],
})
export class SuppliersModule {}
