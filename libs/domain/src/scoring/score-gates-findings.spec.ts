// SECURITY ACTION consistency, services, JC-STAR, evidence expiry, and finding order.
import { catalog, star2Answers, uniformAnswers } from '../../test/support/answer-builders';
import { describeFinding } from './findings/describe-finding';
import { score } from './score';
import type { Finding, ScoreResult, Severity, SupplierProfile } from './scoring.types';

const asOf = '2026-12-01';
const crit2: SupplierProfile = { criticality: 2, asOf };
const gate = (r: ScoreResult, code: string) => r.gates.find((g) => g.code === code);
const finding = (r: ScoreResult, code: string) => r.findings.find((f) => f.code === code);
/** The finding's words as a reader sees them; empty when the finding is absent. */
const words = (f: Finding | undefined) =>
  f
    ? describeFinding(catalog, f)
    : { message: { ja: '', en: '' }, recommendation: { ja: '', en: '' } };

describe('SECURITY ACTION', () => {
  const star1 = { 'SA.LEVEL': 'star1', 'SA.ID': '50000000001', 'SA.DATE': '2026-01-10' };

  it('accepts a ★★ claim backed by a full self-check and a published policy', () => {
    const r = score(catalog, uniformAnswers('partial', 3, star2Answers()), crit2);
    expect(r.securityAction).toEqual({
      declared: 'star2',
      consistentWithSelfCheck: true,
      selfCheckTotal: 100,
      selfCheckBand: 'achieved',
    });
    expect(gate(r, 'SA_STAR2')?.passed).toBe(true);
    // strength 0.35 + 0.15 × 1 = 0.5 → 100 × 0.5 × 0.7 = 35
    expect(r.riskScore).toBeCloseTo(35, 6);
    expect(finding(r, 'SA_STAR2_CONTRADICTED')).toBeUndefined();
  });

  it('reports a ★★ claim the self-check contradicts, and counts it as ★', () => {
    const r = score(
      catalog,
      uniformAnswers(
        'partial',
        3,
        star2Answers((no) => (no === 9 ? 'not_done' : no === 13 ? 'unknown' : 'done')),
      ),
      crit2,
    );
    // 23 × 4 + 0 − 1 = 91
    expect(r.securityAction).toEqual({
      declared: 'star2',
      consistentWithSelfCheck: false,
      selfCheckTotal: 91,
      selfCheckBand: 'partly_insufficient',
    });
    expect(gate(r, 'SA_STAR2')?.passed).toBe(false);
    const f = finding(r, 'SA_STAR2_CONTRADICTED')!;
    expect(f.severity).toBe('high');
    expect(f.itemIds).toEqual(['SA.LEVEL', 'SC.09', 'SC.13']);
    expect(words(f).message.ja).toContain('★一つ星として評価');
    expect(r.riskScore).toBe(score(catalog, uniformAnswers('partial', 3, star1), crit2).riskScore);
  });

  it('reports a ★★ claim without a published policy', () => {
    const r = score(
      catalog,
      uniformAnswers('partial', 3, { ...star2Answers(), 'SA.POLICY': false }),
      crit2,
    );
    expect(r.securityAction.consistentWithSelfCheck).toBe(false);
    expect(finding(r, 'SA_STAR2_CONTRADICTED')?.itemIds).toEqual(['SA.LEVEL', 'SA.POLICY']);
    expect(words(finding(r, 'SA_STAR2_CONTRADICTED')).message.en).toContain(
      'no published basic policy',
    );
  });

  it('treats a self-check older than 12 months as expired evidence', () => {
    const r = score(
      catalog,
      uniformAnswers('partial', 3, { ...star2Answers(), 'SC.DATE': '2025-11-30' }),
      crit2,
    );
    expect(r.securityAction.consistentWithSelfCheck).toBe(false);
    expect(finding(r, 'EVIDENCE_EXPIRED')).toMatchObject({
      itemIds: ['SC.DATE'],
      severity: 'medium',
    });
    expect(words(finding(r, 'EVIDENCE_EXPIRED')).message.en).toContain('expired on 2026-11-30');
    expect(gate(r, 'EVIDENCE_CURRENT')?.passed).toBe(false);
    // Exactly 12 months old still counts.
    const edge = score(
      catalog,
      uniformAnswers('partial', 3, { ...star2Answers(), 'SC.DATE': '2025-12-01' }),
      crit2,
    );
    expect(edge.securityAction.consistentWithSelfCheck).toBe(true);
  });

  it('reports ★ declared while a 5か条 rule is not practised, and SMEs with no declaration', () => {
    const gap = score(
      catalog,
      uniformAnswers('partial', 3, { ...star1, 'SA.R3': 'not_done' }),
      crit2,
    );
    expect(finding(gap, 'SA_FIVE_RULES_GAP')?.itemIds).toEqual(['SA.R3']);
    expect(gap.riskScore).toBeGreaterThan(
      score(catalog, uniformAnswers('partial', 3, star1), crit2).riskScore,
    );
    expect(
      words(finding(score(catalog, uniformAnswers('partial', 3), crit2), 'SA_NOT_DECLARED'))
        .recommendation.ja,
    ).toContain('デジタル化・AI導入補助金');
    expect(
      finding(
        score(catalog, uniformAnswers('partial', 3), { ...crit2, sizeClass: 'large' }),
        'SA_NOT_DECLARED',
      ),
    ).toBeUndefined();
  });
});

describe('monitoring and お助け隊', () => {
  const otasuketai = (covers: string[]) => ({
    'OT.USES': true,
    'OT.SERVICE': 'サンプル',
    'OT.CLASS': 'type1',
    'OT.SINCE': '2026-01-01',
    'OT.COVERS': covers,
  });

  it('recommends an お助け隊 service with the subsidy note to an SME without monitoring', () => {
    const r = score(catalog, uniformAnswers('partial', 3), crit2);
    expect(gate(r, 'SME_MONITORING')?.passed).toBe(false);
    const f = finding(r, 'NO_MONITORING')!;
    expect(f).toMatchObject({ severity: 'medium', directives: [5, 7] });
    const { recommendation } = words(f);
    expect(recommendation.ja).toContain('お助け隊');
    expect(recommendation.ja).toContain('デジタル化・AI導入補助金');
    expect(recommendation.ja).toContain('セキュリティ対策推進枠');
    expect(recommendation.en).toContain('Otasuketai');
    expect(
      finding(
        score(catalog, uniformAnswers('partial', 3), { ...crit2, outageImpact: true }),
        'NO_MONITORING',
      )?.severity,
    ).toBe('high');
  });

  it('passes the SME gate with お助け隊 monitoring and lowers the risk', () => {
    const r = score(
      catalog,
      uniformAnswers('partial', 3, otasuketai(['insurance', 'monitoring_edr'])),
      crit2,
    );
    expect(gate(r, 'SME_MONITORING')?.passed).toBe(true);
    expect(r.otasuketai).toEqual({ uses: true, covers: ['monitoring_edr', 'insurance'] });
    // strength 0.35 + 0.1 = 0.45 → 100 × 0.55 × 0.7 = 38.5
    expect(r.riskScore).toBeCloseTo(38.5, 6);
    expect(finding(r, 'NO_MONITORING')).toBeUndefined();
  });

  it('does not count an お助け隊 contract without monitoring', () => {
    const r = score(catalog, uniformAnswers('partial', 3, otasuketai(['helpdesk'])), crit2);
    expect(gate(r, 'SME_MONITORING')?.passed).toBe(false);
    expect(finding(r, 'NO_MONITORING')?.itemIds).toContain('OT.COVERS');
  });

  it('has no SME gate for a large company, and recommends a listed SOC service instead', () => {
    const r = score(catalog, uniformAnswers('partial', 3), { ...crit2, sizeClass: 'large' });
    expect(gate(r, 'SME_MONITORING')).toBeUndefined();
    expect(words(finding(r, 'NO_MONITORING')).recommendation.ja).toContain(
      'セキュリティ監視・運用サービス',
    );
  });
});

describe('audited security services', () => {
  const tested = (listed: boolean, last: string) => ({
    'SS.KINDS': ['vulnerability'],
    'SS.LISTED': listed,
    'SS.LAST': last,
  });

  it('recommends an audited service kind from the IPA list when nothing was tested', () => {
    const f = finding(score(catalog, uniformAnswers('partial', 3), crit2), 'NO_SECURITY_TESTING')!;
    expect(words(f).recommendation.ja).toContain('脆弱性診断サービス');
    expect(words(f).recommendation.ja).toContain('情報セキュリティサービス基準適合サービスリスト');
  });

  it('gives full credit to a listed provider and half to an unlisted one', () => {
    const listed = score(catalog, uniformAnswers('partial', 3, tested(true, '2026-06-01')), crit2);
    const unlisted = score(
      catalog,
      uniformAnswers('partial', 3, tested(false, '2026-06-01')),
      crit2,
    );
    expect(listed.riskScore).toBeCloseTo(38.5, 6); // strength 0.45
    expect(unlisted.riskScore).toBeCloseTo(42, 6); // strength 0.40 → 100 × 0.6 × 0.7
    expect(finding(unlisted, 'TESTING_PROVIDER_NOT_LISTED')?.severity).toBe('low');
  });

  it('does not count a test older than 12 months', () => {
    const r = score(catalog, uniformAnswers('partial', 3, tested(true, '2025-06-01')), crit2);
    expect(r.riskScore).toBeCloseTo(45.5, 6);
    expect(finding(r, 'NO_SECURITY_TESTING')).toBeDefined();
    expect(finding(r, 'EVIDENCE_EXPIRED')?.itemIds).toEqual(['SS.LAST']);
  });
});

describe('JC-STAR for delivered IoT products', () => {
  const iot = (level: string, expires?: string) => ({
    'P.ROLES': ['iot'],
    'IOT.PRODUCTS': 'カメラ',
    'IOT.LEVEL': level,
    ...(expires ? { 'IOT.LABEL_ID': 'L-1', 'IOT.EXPIRES': expires } : {}),
  });

  it('passes with a current ★1 label, fails without a label or with an expired one', () => {
    const current = score(catalog, uniformAnswers('partial', 3, iot('star1', '2027-03-31')), crit2);
    expect(gate(current, 'IOT_JCSTAR_STAR1')?.passed).toBe(true);
    const none = score(catalog, uniformAnswers('partial', 3, iot('none')), crit2);
    expect(gate(none, 'IOT_JCSTAR_STAR1')?.passed).toBe(false);
    expect(words(finding(none, 'IOT_NO_JCSTAR')).recommendation.ja).toContain('JC-STAR ★1');
    const expired = score(catalog, uniformAnswers('partial', 3, iot('star2', '2026-11-30')), crit2);
    expect(gate(expired, 'IOT_JCSTAR_STAR1')?.passed).toBe(false);
    expect(gate(expired, 'EVIDENCE_CURRENT')?.passed).toBe(false);
    expect(finding(expired, 'EVIDENCE_EXPIRED')?.itemIds).toEqual(['IOT.EXPIRES']);
    // Product labels are a gate, kept out of the company risk number.
    expect(new Set([current, none, expired].map((r) => r.riskScore)).size).toBe(1);
  });

  it('has no IoT gate for a supplier that delivers no IoT products', () => {
    expect(
      gate(score(catalog, uniformAnswers('partial', 3), crit2), 'IOT_JCSTAR_STAR1'),
    ).toBeUndefined();
  });
});

describe('incident readiness', () => {
  it('reports missing contact, reporting gaps, no exercise and untested backups', () => {
    const r = score(
      catalog,
      uniformAnswers('partial', 3, {
        'IR.CONTACT': false,
        'IR.REPORT_TO': ['ipa'],
        'IR.BACKUP': 'untested',
      }),
      crit2,
    );
    expect(finding(r, 'INCIDENT_NO_CONTACT')?.severity).toBe('medium');
    expect(words(finding(r, 'INCIDENT_REPORTING_GAPS')).message.en).toContain(
      'JPCERT/CC, the police',
    );
    expect(finding(r, 'INCIDENT_NO_RECENT_EXERCISE')).toBeDefined();
    expect(finding(r, 'BACKUP_NOT_TESTED')?.severity).toBe('medium');
    // readiness mean(0, 1/3, 0, 0.5) = 0.2083 → strength 0.275 + 0.0208 = 0.2958 → 100 × 0.7042 × 0.7 = 49.3
    expect(r.riskScore).toBeCloseTo(49.3, 6);
  });
});

describe('findings order', () => {
  it('lists the most severe first, then by code, whatever the answer key order', () => {
    const answers = uniformAnswers('not_done', 3, { 'IR.CONTACT': false, 'IR.BACKUP': 'none' });
    const r = score(catalog, answers, { criticality: 3, networkAccess: true, asOf });
    const rank: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
    const keys = r.findings.map((f) => [rank.indexOf(f.severity), f.code] as const);
    const sorted = [...keys].sort(
      (a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0),
    );
    expect(keys).toEqual(sorted);
    expect(r.findings[0]).toMatchObject({ code: 'LEVEL_GAP', severity: 'critical' });
    const reversed = Object.fromEntries(Object.entries(answers).reverse());
    expect(
      score(catalog, reversed, { criticality: 3, networkAccess: true, asOf }).findings,
    ).toEqual(r.findings);
  });
});
