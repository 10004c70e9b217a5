import { csvField } from '../../common/csv';
import { mapHeader, parseRow } from '../import/import-columns';
import { csvTemplate } from '../import/import-template';
import { ExportedSupplier, exportHeader, exportRow } from './export-row';

const SUPPLIER: ExportedSupplier = {
  name: '=HYPERLINK("http://evil.example") 髙橋①製作所',
  corporateNumber: '7000012050002',
  sizeClass: 'sme',
  criticality: 3,
  category: '-業務委託',
  contactName: '髙橋 﨑子',
  contactEmail: 'takahashi@example.jp',
  contactLanguage: 'en',
  handlesConfidentialData: true,
  outageImpact: false,
  networkAccess: null,
};

describe('registry export rows', () => {
  it('uses the import template’s Japanese headers, in its order, and the English ones on request', () => {
    const templateHeader = csvTemplate()
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0];
    expect(exportHeader('ja').join(',')).toBe(templateHeader);
    expect(exportHeader('en')).toEqual([
      'name',
      'corporate_number',
      'size_class',
      'criticality',
      'category',
      'contact_name',
      'contact_email',
      'contact_language',
      'confidential_data',
      'outage_impact',
      'network_access',
    ]);
  });

  it('writes values in the file’s language, unknown answers as empty cells', () => {
    expect(exportRow(SUPPLIER, 'ja').slice(2)).toEqual([
      '中小企業',
      3,
      '-業務委託',
      '髙橋 﨑子',
      'takahashi@example.jp',
      'en',
      'はい',
      'いいえ',
      null,
    ]);
    expect(exportRow(SUPPLIER, 'en')[2]).toBe('sme');
    expect(exportRow(SUPPLIER, 'en').slice(8)).toEqual(['yes', 'no', null]);
  });

  for (const locale of ['ja', 'en'] as const) {
    it(`reads back through the import as the same supplier (${locale}), formula guard included`, () => {
      // What the CSV carries: each cell as written, then unquoted as a CSV reader does.
      const cells = exportRow(SUPPLIER, locale).map((value) =>
        csvField(value)
          .replace(/^"(.*)"$/s, '$1')
          .replace(/""/g, '"'),
      );
      expect(cells[0].startsWith("'=")).toBe(true);
      const parsed = parseRow(cells, 2, mapHeader(exportHeader(locale)));
      expect(parsed).toEqual({
        value: {
          row: 2,
          name: SUPPLIER.name,
          corporateNumber: SUPPLIER.corporateNumber,
          sizeClass: 'sme',
          criticality: 3,
          category: '-業務委託',
          contactName: '髙橋 﨑子',
          contactEmail: 'takahashi@example.jp',
          contactLanguage: 'en',
          handlesConfidentialData: true,
          outageImpact: false,
        },
      });
    });
  }
});
