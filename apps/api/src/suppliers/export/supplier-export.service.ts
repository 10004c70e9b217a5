import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { SupplierContact } from '@kakehashi/database';
import { csvDocument } from '../../common/csv';
import type { Locale } from '../../console/console-locale';
import type { SupplierFilters } from '../dto/list-suppliers.query';
import { IMPORT_COLUMNS } from '../import/import-columns';
import { SuppliersService } from '../suppliers.service';
import { ExportedSupplier, exportHeader, exportRow } from './export-row';

const SHEET_NAME: Record<Locale, string> = { ja: '取引先', en: 'Suppliers' };

/**
 * The tenant's supplier registry (the list's filters, every page) in the import's own format:
 * an exported file imported again matches every supplier and creates none.
 */
@Injectable()
export class SupplierExportService {
  constructor(private readonly suppliers: SuppliersService) {}

  /** The file and how many suppliers it holds (for the audit trail). */
  async csv(input: {
    organizationId: string;
    filters: SupplierFilters;
    locale: Locale;
  }): Promise<{ body: string; rowCount: number }> {
    const rows = await this.rows(input.organizationId, input.filters);
    const body = csvDocument([
      exportHeader(input.locale),
      ...rows.map((row) => exportRow(row, input.locale)),
    ]);
    return { body, rowCount: rows.length };
  }

  /** Text cells stay text (an .xlsx string is never run as a formula), the 法人番号 included. */
  async xlsx(input: {
    organizationId: string;
    filters: SupplierFilters;
    locale: Locale;
  }): Promise<{ body: Buffer; rowCount: number }> {
    const rows = await this.rows(input.organizationId, input.filters);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(SHEET_NAME[input.locale]);
    sheet.columns = IMPORT_COLUMNS.map((column) => ({
      header: column[input.locale],
      key: column.field,
      width: column.field === 'name' ? 32 : 18,
    }));
    sheet.getRow(1).font = { bold: true };
    // Text format keeps Excel from turning a 13-digit 法人番号 typed later into 7.00001E+12.
    sheet.getColumn('corporateNumber').numFmt = '@';
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.addRows(rows.map((row) => exportRow(row, input.locale)));
    return { body: Buffer.from(await workbook.xlsx.writeBuffer()), rowCount: rows.length };
  }

  private rows(organizationId: string, filters: SupplierFilters): Promise<ExportedSupplier[]> {
    return this.suppliers
      .filtered(organizationId, filters)
      .leftJoin(
        SupplierContact,
        'c',
        'c.supplier_id = s.id AND c.organization_id = s.organization_id AND c.is_primary',
      )
      .select('s.name', 'name')
      .addSelect('s.corporate_number', 'corporateNumber')
      .addSelect('s.size_class', 'sizeClass')
      .addSelect('s.criticality', 'criticality')
      .addSelect('s.category', 'category')
      .addSelect('c.name', 'contactName')
      .addSelect('c.email', 'contactEmail')
      .addSelect('c.language', 'contactLanguage')
      .addSelect('s.handles_confidential_data', 'handlesConfidentialData')
      .addSelect('s.outage_impact', 'outageImpact')
      .addSelect('s.network_access', 'networkAccess')
      .orderBy('s.name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .getRawMany<ExportedSupplier>();
  }
}
