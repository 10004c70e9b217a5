import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS } from './import-columns';

const EXAMPLE: Record<string, string> = {
  name: '架け橋サンプル株式会社',
  corporateNumber: '7000012050002',
  sizeClass: '中小企業',
  criticality: '2',
  category: '業務委託',
  contactName: '山田 太郎',
  contactEmail: 'yamada@example.co.jp',
  contactLanguage: 'ja',
  handlesConfidentialData: 'はい',
  outageImpact: 'いいえ',
  networkAccess: 'いいえ',
};

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** UTF-8 with BOM so Excel in Japan opens it without mojibake; Japanese headers. */
export function csvTemplate(): Buffer {
  const header = IMPORT_COLUMNS.map((c) => c.ja);
  const example = IMPORT_COLUMNS.map((c) => EXAMPLE[c.field] ?? '');
  const text = [header, example].map((line) => line.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export async function xlsxTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('取引先');
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.ja, key: c.field, width: 18 }));
  // Text format keeps Excel from turning the 13-digit 法人番号 into 7.00001E+12.
  sheet.getColumn('corporateNumber').numFmt = '@';
  sheet.addRow(EXAMPLE);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
