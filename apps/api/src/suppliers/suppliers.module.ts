import { Module } from '@nestjs/common';
import { DatabaseModule } from '@kakehashi/database';
import { ImportSuppliersUseCase } from './import/import-suppliers.use-case';
import { SupplierImportPageController } from './pages/supplier-import-page.controller';
import { SupplierPagesController } from './pages/supplier-pages.controller';
import { SupplierImportController } from './supplier-import.controller';
import { SuppliersController } from './suppliers.controller';
import { SuppliersService } from './suppliers.service';

@Module({
  imports: [DatabaseModule],
  // The import controller comes first so /suppliers/import is never read as /suppliers/:id.
  controllers: [
    SupplierImportController,
    SuppliersController,
    SupplierImportPageController,
    SupplierPagesController,
  ],
  providers: [SuppliersService, ImportSuppliersUseCase],
  exports: [SuppliersService],
})
export class SuppliersModule {}
