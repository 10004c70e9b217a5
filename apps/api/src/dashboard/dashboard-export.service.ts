import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { storedFindingText, type StoredFinding } from '../common/finding-text';
import { DashboardScope } from './dashboard-scope';
import type { SupplierListQueryDto } from './dto/supplier-list-query.dto';
import { SupplierListQuery, SupplierRiskRow } from './supplier-list.query';

const TIER_JA: Record<string, string> = { low: '低', medium: '中', high: '高', critical: '重大' };
const SA_JA: Record<string, string> = { none: 'なし', star1: '一つ星', star2: '二つ星' };
// The words the findings use for the levels (the catalog's levelLabels, without the SCS note).
const LEVEL_JA: Record<string, string> = {
  none: '基準未達',
  basic: '基本レベル',
  strong: '強化レベル',
};
const SIZE_JA: Record<string, string> = { sme: '中小企業', large: '大企業' };
const SEVERITY_RANK = `CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END`;

export const EXPORT_HEADERS = [
  'サプライヤー名',
  '重要度',
  'カテゴリ',
  '規模',
  'リスク区分',
  'リスクスコア',
  ...Array.from({ length: 10 }, (_, i) => `指示${i + 1}`),
  'SECURITY ACTION',
  'お助け隊',
  '求められるレベル',
  '達成レベル',
  '未対応の指摘',
  '主な指摘',
  '評価日時',
];

type Cell = string | number | null;

/** The supplier list with scores and top open findings, as CSV (UTF-8 with BOM) or Excel. */
@Injectable()
export class DashboardExportService {
  constructor(
    private readonly db: DataSource,
    private readonly list: SupplierListQuery,
  ) {}

  async rows(scope: DashboardScope, query: SupplierListQueryDto): Promise<Cell[][]> {
    const suppliers = await this.list.all(scope, query);
    const top = await this.topFindings(scope.organizationId, suppliers);
    return suppliers.map((s) => toCells(s, top.get(s.supplierId) ?? []));
  }

  async csv(scope: DashboardScope, query: SupplierListQueryDto): Promise<string> {
    const rows = await this.rows(scope, query);
    // Excel opens UTF-8 CSV correctly only with the BOM; CRLF per RFC 4180.
    return (
      '\uFEFF' +
      [EXPORT_HEADERS, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') +
      '\r\n'
    );
  }

  async xlsx(scope: DashboardScope, query: SupplierListQueryDto): Promise<Buffer> {
    const rows = await this.rows(scope, query);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('サプライヤーリスク');
    sheet.addRow(EXPORT_HEADERS).font = { bold: true };
    sheet.addRows(rows);
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.getColumn(1).width = 32;
    sheet.getColumn(EXPORT_HEADERS.length - 1).width = 60;
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /** Up to three open findings per supplier, most severe first, from its current score. */
  private async topFindings(
    organizationId: string,
    suppliers: SupplierRiskRow[],
  ): Promise<Map<string, string[]>> {
    const ids = suppliers.filter((s) => s.tier !== null).map((s) => s.supplierId);
    const top = new Map<string, string[]>();
    if (ids.length === 0) return top;
    const rows = await this.db.query<(StoredFinding & { supplierId: string; catalog: string })[]>(
      `SELECT "supplierId", code, directives, "itemIds", params, message, recommendation, catalog
         FROM (
         SELECT f.supplier_id AS "supplierId", f.code, f.directives, f.item_ids AS "itemIds",
           f.params, f.message, f.recommendation, sc.catalog_version AS catalog,
           row_number() OVER (PARTITION BY f.supplier_id ORDER BY ${SEVERITY_RANK}, f.position) AS n
         FROM findings f JOIN supplier_risk r ON r.score_id = f.score_id
         JOIN assessment_scores sc ON sc.id = f.score_id
         WHERE f.organization_id = $1 AND f.status = 'open' AND r.supplier_id = ANY($2::uuid[])
       ) ranked WHERE n <= 3 ORDER BY "supplierId", n`,
      [organizationId, ids],
    );
    for (const row of rows) {
      const message = storedFindingText(row, row.catalog).message.ja;
      top.set(row.supplierId, [...(top.get(row.supplierId) ?? []), message]);
    }
    return top;
  }
}

function toCells(s: SupplierRiskRow, findings: string[]): Cell[] {
  const label = (map: Record<string, string>, v: string | null): string => (v ? (map[v] ?? v) : '');
  return [
    s.name,
    s.criticality,
    s.category ?? '',
    label(SIZE_JA, s.sizeClass),
    s.tier ? label(TIER_JA, s.tier) : '未評価',
    s.riskScore,
    ...Array.from({ length: 10 }, (_, i) => s.directiveMaturity?.[i] ?? null),
    label(SA_JA, s.securityAction),
    s.otasuketai === null ? '' : s.otasuketai ? '利用' : '未利用',
    label(LEVEL_JA, s.requiredLevel),
    label(LEVEL_JA, s.achievedLevel),
    s.openFindings,
    findings.join(' / '),
    s.scoredAt ? tokyoDateTime(s.scoredAt) : '',
  ];
}

function tokyoDateTime(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));
}

function csvField(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  // Guard against formula injection when the file is opened in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
