import { formatDueDate, formatTimestamp } from '@kakehashi/mail';
import type { Locale } from '../console/console-locale';
import { jsonForScript, maturityClass } from './dashboard-page.presenter';
import { DASHBOARD_TEXT } from './dashboard-text';
import { FINDING_NOTE_MAX, FINDING_STATUSES } from './dto/update-finding.dto';
import type { SupplierRiskDetail } from './supplier-risk-detail.query';

const tokyo = (iso: string | null, locale: Locale): string =>
  iso ? formatTimestamp(iso, locale) : '—';

type Labels = Record<string, string>;
const label = (map: Labels, key: string | null | undefined): string =>
  key ? (map[key] ?? key) : '—';

/** What the page says about a finding form just sent (without script): saved, or why not. */
export interface FindingNotice {
  findingId: string;
  ok: boolean;
  reason?: 'invalid' | 'forbidden' | 'notFound' | 'otherSite' | 'network' | 'unknown';
}

/** How a finding is named in messages: its text, cut to a readable length. */
export function findingLabel(message: string): string {
  const chars = [...message];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : message;
}

export function presentSupplier(input: {
  locale: Locale;
  detail: SupplierRiskDetail;
  canEditFindings: boolean;
  notice?: FindingNotice | null;
}): Record<string, unknown> {
  const { locale, detail, canEditFindings } = input;
  const t = DASHBOARD_TEXT[locale];
  const notice = input.notice ?? null;
  const noticeText = (f: SupplierRiskDetail['findings'][number]): string | null => {
    if (!notice || notice.findingId !== f.id) return null;
    const name = findingLabel(f.message[locale]);
    return notice.ok
      ? t.supplier.saved(name, label(t.findingStatus, f.status))
      : t.supplier.saveFailed(name, t.supplier.failReasons[notice.reason ?? 'unknown']);
  };
  const c = detail.current;
  const scored = detail.history.filter((h) => h.score !== null);
  return {
    t,
    supplier: {
      ...detail.supplier,
      sizeClass: label(t.sizeClass, detail.supplier.sizeClass),
      category: detail.supplier.category ?? '—',
    },
    current: c
      ? {
          riskScore: c.riskScore.toFixed(1),
          tier: label(t.tiers, c.tier),
          tierClass: `tier-${c.tier}`,
          overall: c.overallMaturity.toFixed(2),
          requiredLevel: label(t.levels, c.requiredLevel),
          achievedLevel: label(t.levels, c.achievedLevel),
          securityAction: label(t.securityAction, c.securityAction),
          otasuketai: c.otasuketai ? t.supplier.uses : t.supplier.notUses,
          scoredAt: tokyo(c.scoredAt, locale),
          directives: c.directiveMaturity.map((v, i) => ({
            title: t.directives[i],
            value: v.toFixed(2),
            portfolio: (detail.portfolioAverage[i] ?? 0).toFixed(2),
            cls: maturityClass(v),
          })),
        }
      : null,
    explanation: detail.explanation
      ? {
          levelGap: detail.explanation.levelGap,
          gates: detail.explanation.gates.map((g) => ({
            code: g.code,
            passed: g.passed,
            state: g.passed ? t.supplier.passed : t.supplier.failed,
            message: g.message[locale],
          })),
        }
      : null,
    findings: detail.findings.map((f) => ({
      id: f.id,
      label: findingLabel(f.message[locale]),
      note: f.note,
      notice: noticeText(f),
      noticeOk: notice?.ok ?? false,
      code: f.code,
      severity: label(t.severity, f.severity),
      severityClass: `sev-${f.severity}`,
      directives: f.directives.map((d) => t.directiveShort[d - 1]).join(', '),
      message: f.message[locale],
      recommendation: f.recommendation[locale],
      status: label(t.findingStatus, f.status),
      statusOptions: FINDING_STATUSES.map((s) => ({
        value: s,
        label: t.findingStatus[s],
        selected: s === f.status,
      })),
    })),
    canEditFindings,
    noteMax: FINDING_NOTE_MAX,
    history: detail.history.map((h) => ({
      assessmentId: h.assessmentId,
      campaignName: h.campaignName,
      dueDate: formatDueDate(h.dueDate, locale),
      status: label(t.assessmentStatus, h.status),
      submittedAt: tokyo(h.submittedAt, locale),
      riskScore: h.score ? h.score.riskScore.toFixed(1) : '—',
      tier: h.score ? label(t.tiers, h.score.tier) : '—',
      tierClass: h.score ? `tier-${h.score.tier}` : 'tier-none',
    })),
    contacts: detail.contacts.map((ct) => ({
      name: ct.name,
      email: ct.email,
      isPrimary: ct.isPrimary,
      undeliverable: ct.undeliverable,
      undeliverableReason: ct.undeliverableReason,
      lastMail: ct.lastMail
        ? `${label(t.mailKind, ct.lastMail.kind)}: ${label(t.mailStatus, ct.lastMail.status)} ${ct.lastMail.sentAt ? tokyo(ct.lastMail.sentAt, locale) : ''}`.trim()
        : t.supplier.noMail,
      // A skip reason is ours to translate; a server's refusal is shown as the server said it.
      lastError:
        ct.lastMail?.status === 'skipped' && ct.lastMail.lastError
          ? label(t.skipReason, ct.lastMail.lastError)
          : (ct.lastMail?.lastError ?? null),
    })),
    chartJson: jsonForScript({
      // The words the status forms' script announces (placeholders filled in the page).
      findingText: {
        saving: t.supplier.saving,
        saved: t.supplier.saved('{finding}', '{status}'),
        failed: t.supplier.saveFailed('{finding}', '{reason}'),
        reasons: t.supplier.failReasons,
      },
      radar: {
        labels: t.directiveShort,
        titles: t.directives,
        series: [
          ...(c ? [{ label: t.radar.supplier, data: c.directiveMaturity, kind: 'supplier' }] : []),
          { label: t.radar.portfolio, data: detail.portfolioAverage, kind: 'portfolio' },
        ],
      },
      history: {
        labels: scored.map((h) => h.campaignName),
        riskScore: { label: t.supplier.riskScore, data: scored.map((h) => h.score!.riskScore) },
        overall: { label: t.supplier.overall, data: scored.map((h) => h.score!.overallMaturity) },
      },
    }),
  };
}
