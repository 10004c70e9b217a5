import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { csvDocument, type CsvCell } from '../common/csv';
import { storedFindingText, type StoredFinding } from '../common/finding-text';
import type { Locale } from '../console/console-locale';
import { DashboardScope } from './dashboard-scope';
import { DASHBOARD_TEXT, type DashboardText } from './dashboard-text';
import type { LocalizedExportQueryDto } from './dto/localized-export-query.dto';
import { SupplierListQuery, SupplierRiskRow } from './supplier-list.query';

const SEVERITY_RANK = `CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END`;

/** The header row in the file's language (the registry's words for category and size). */
export function exportHeaders(locale: Locale): string[] {
  const t = DASHBOARD_TEXT[locale];
  const h = t.export.headers;
  return [
    h.name,
    h.criticality,
    h.category,
    h.sizeClass,
    h.tier,
    h.riskScore,
    ...t.directiveShort,
    h.securityAction,
    h.otasuketai,
    h.requiredLevel,
    h.achievedLevel,
    h.openFindings,
    h.topFindings,
    h.scoredAt,
    h.corporateNumber,
    h.supplierId,
  ];
}

/**
 * The supplier list with scores and top open findings, as CSV (UTF-8 with BOM) or Excel, in
 * Japanese unless `lang=en` is asked; times are Japan time in both.
 */
@Injectable()
export class DashboardExportService {
  constructor(
    private readonly db: DataSource,
    private readonly list: SupplierListQuery,
  ) {}

  async rows(scope: DashboardScope, query: LocalizedExportQueryDto): Promise<CsvCell[][]> {
    const locale = query.lang ?? 'ja';
    const suppliers = await this.list.all(scope, query);
    const top = await this.topFindings({ organizationId: scope.organizationId, suppliers, locale });
    const t = DASHBOARD_TEXT[locale];
    return suppliers.map((s) => toCells(s, top.get(s.supplierId) ?? [], t));
  }

  /** The file and how many suppliers it holds (for the audit trail). */
  async csv(
    scope: DashboardScope,
    query: LocalizedExportQueryDto,
  ): Promise<{ body: string; rowCount: number }> {
    const rows = await this.rows(scope, query);
    return {
      body: csvDocument([exportHeaders(query.lang ?? 'ja'), ...rows]),
      rowCount: rows.length,
    };
  }

  async xlsx(
    scope: DashboardScope,
    query: LocalizedExportQueryDto,
  ): Promise<{ body: Buffer; rowCount: number }> {
    const locale = query.lang ?? 'ja';
    const rows = await this.rows(scope, query);
    const headers = exportHeaders(locale);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(DASHBOARD_TEXT[locale].export.sheet);
    sheet.addRow(headers).font = { bold: true };
    sheet.addRows(rows);
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.getColumn(1).width = 32;
    sheet.getColumn(headers.indexOf(DASHBOARD_TEXT[locale].export.headers.topFindings) + 1).width =
      60;
    sheet.getColumn(headers.length).width = 38;
    return { body: Buffer.from(await workbook.xlsx.writeBuffer()), rowCount: rows.length };
  }

  /** Up to three open findings per supplier, most severe first, from its current score. */
  private async topFindings(input: {
    organizationId: string;
    suppliers: SupplierRiskRow[];
    locale: Locale;
  }): Promise<Map<string, string[]>> {
    const { organizationId, suppliers, locale } = input;
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
      const message = storedFindingText(row, row.catalog).message[locale];
      top.set(row.supplierId, [...(top.get(row.supplierId) ?? []), message]);
    }
    return top;
  }
}

function toCells(s: SupplierRiskRow, findings: string[], t: DashboardText): CsvCell[] {
  const label = (map: Record<string, string>, v: string | null): string => (v ? (map[v] ?? v) : '');
  return [
    s.name,
    s.criticality,
    s.category ?? '',
    label(t.sizeClass, s.sizeClass),
    s.tier ? label(t.tiers, s.tier) : t.heatmap.notScored,
    s.riskScore,
    ...Array.from({ length: 10 }, (_, i) => s.directiveMaturity?.[i] ?? null),
    label(t.securityAction, s.securityAction),
    s.otasuketai === null ? '' : s.otasuketai ? t.supplier.uses : t.supplier.notUses,
    // The levels in the words the findings use (the catalog's levelLabels, without the SCS note).
    label(t.levels, s.requiredLevel),
    label(t.levels, s.achievedLevel),
    s.openFindings,
    findings.join(' / '),
    s.scoredAt ? tokyoDateTime(s.scoredAt) : '',
    s.corporateNumber ?? '',
    s.supplierId,
  ];
}

function tokyoDateTime(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));
}
