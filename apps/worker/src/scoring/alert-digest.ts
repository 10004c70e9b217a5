/**
 * Pure rules of the high-tier alert: which fresh scores are news, and how one batch's alerts
 * become one digest (notification + mail) per organization and campaign owner.
 */

const TIER_RANK: Record<string, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const TIER_JA: Record<string, string> = { low: '低', medium: '中', high: '高', critical: '重大' };

/** Orders tiers low < medium < high < critical (an unknown tier ranks lowest). */
export function tierRank(tier: string): number {
  return TIER_RANK[tier] ?? -1;
}

/**
 * No news, no alert: a high or critical score alerts unless it rescores (new engine version)
 * a submission whose earlier complete score already had the same tier or a worse one.
 */
export function isNews(tier: string, earlierTier: string | null | undefined): boolean {
  if (tierRank(tier) < TIER_RANK.high) return false;
  return earlierTier == null || tierRank(tier) > tierRank(earlierTier);
}

/** One supplier's line in a digest. */
export interface AlertEntry {
  scoreId: string;
  assessmentId: string;
  campaignId: string;
  supplierId: string;
  supplierName: string;
  tier: string;
}

export interface AlertEvent extends AlertEntry {
  organizationId: string;
  ownerId: string;
}

/** What the notification stores of each listed supplier (`notifications.detail`). */
export interface AlertDetailItem {
  scoreId: string;
  assessmentId: string;
  supplierId: string;
}

export interface AlertDigest {
  organizationId: string;
  ownerId: string;
  /** `high-tier:<smallest scoreId>`; the mail's key is `alert:` + this. */
  key: string;
  /** The event of that smallest score id: the mail row's assessment and campaign. */
  first: AlertEntry;
  /** Most severe first, then by name. */
  entries: AlertEntry[];
  title: { ja: string; en: string };
  link: string;
  detail: AlertDetailItem[];
}

const NAMES = new Intl.Collator('ja', { numeric: true });

/** Most severe first, then by supplier name, then by score id (a stable order). */
export function bySeverityThenName(
  a: { tier: string; supplierName: string; scoreId: string },
  b: { tier: string; supplierName: string; scoreId: string },
): number {
  return (
    tierRank(b.tier) - tierRank(a.tier) ||
    NAMES.compare(a.supplierName, b.supplierName) ||
    compareIds(a.scoreId, b.scoreId)
  );
}

/**
 * The order of the alert mail's list, which says 「リスクの高い順」 / "most severe first": by tier,
 * then by risk score (higher first), then as bySeverityThenName.
 */
export function byRiskThenName(
  a: { tier: string; riskScore: number; supplierName: string; scoreId: string },
  b: { tier: string; riskScore: number; supplierName: string; scoreId: string },
): number {
  return (
    tierRank(b.tier) - tierRank(a.tier) ||
    Number(b.riskScore) - Number(a.riskScore) ||
    bySeverityThenName(a, b)
  );
}

/** Compares uuids as PostgreSQL orders them (bytewise, i.e. by lowercase hex text). */
function compareIds(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The console page for a digest's suppliers: the supplier's own page for one supplier,
 * otherwise the dashboard, filtered to the campaign when they all share one.
 */
export function digestLink(entries: { supplierId: string; campaignId: string }[]): string {
  const suppliers = new Set(entries.map((e) => e.supplierId));
  if (suppliers.size === 1) return `/dashboard/suppliers/${entries[0].supplierId}`;
  const campaigns = new Set(entries.map((e) => e.campaignId));
  return campaigns.size === 1 ? `/dashboard?campaign=${entries[0].campaignId}` : '/dashboard';
}

/** The notification title of a digest whose entries are sorted most severe first. */
export function digestTitle(entries: AlertEntry[]): { ja: string; en: string } {
  const first = entries[0];
  const others = new Set(entries.map((e) => e.supplierId)).size - 1;
  const tiers = new Set(entries.map((e) => e.tier));
  if (others === 0) {
    return {
      ja: `${first.supplierName} のリスク評価が「${TIER_JA[first.tier] ?? first.tier}」になりました`,
      en: `${first.supplierName} was rated ${first.tier} risk`,
    };
  }
  const [only] = tiers;
  const ja = tiers.size === 1 ? `「${TIER_JA[only] ?? only}」` : '「高」以上';
  const en = tiers.size === 1 ? only : 'high or critical';
  return {
    ja: `${first.supplierName} ほか${others}社のリスク評価が${ja}になりました`,
    en: `${first.supplierName} and ${others} other ${others === 1 ? 'supplier' : 'suppliers'} were rated ${en} risk`,
  };
}

/** Groups a batch's alert events into one digest per (organization, owner). */
export function buildDigests(events: AlertEvent[]): AlertDigest[] {
  const groups = new Map<string, AlertEvent[]>();
  for (const event of events) {
    const group = `${event.organizationId}/${event.ownerId}`;
    const list = groups.get(group);
    if (list) list.push(event);
    else groups.set(group, [event]);
  }
  return [...groups.values()].map((group) => {
    const first = group.reduce((min, e) => (compareIds(e.scoreId, min.scoreId) < 0 ? e : min));
    const entries: AlertEntry[] = group
      .map(({ scoreId, assessmentId, campaignId, supplierId, supplierName, tier }) => ({
        scoreId,
        assessmentId,
        campaignId,
        supplierId,
        supplierName,
        tier,
      }))
      .sort(bySeverityThenName);
    return {
      organizationId: first.organizationId,
      ownerId: first.ownerId,
      key: `high-tier:${first.scoreId}`,
      first: entries.find((e) => e.scoreId === first.scoreId)!,
      entries,
      title: digestTitle(entries),
      link: digestLink(entries),
      detail: entries.map(({ scoreId, assessmentId, supplierId }) => ({
        scoreId,
        assessmentId,
        supplierId,
      })),
    };
  });
}

/**
 * The mail that gathers one recipient's alerts over a window:
 * `alert:high-tier-window:<recipientId>:<from ms>-<until ms>`, its notifications being those of
 * the recipient created in [from, until) that did not go out in a mail of their own. The times
 * are zero-padded, so the keys of one recipient sort by time.
 */
const GATHERED_PREFIX = 'alert:high-tier-window:';
const MS_DIGITS = 15;

export interface AlertWindow {
  from: Date;
  until: Date;
}

export function gatheredAlertPrefix(recipientId: string): string {
  return `${GATHERED_PREFIX}${recipientId.toLowerCase()}:`;
}

export function gatheredAlertKey(recipientId: string, window: AlertWindow): string {
  const ms = (at: Date) => String(at.getTime()).padStart(MS_DIGITS, '0');
  return `${gatheredAlertPrefix(recipientId)}${ms(window.from)}-${ms(window.until)}`;
}

/** The recipient and window of a gathered alert mail's key; null for any other key. */
export function parseGatheredAlertKey(key: string): ({ recipientId: string } & AlertWindow) | null {
  const match = /^alert:high-tier-window:([0-9a-f-]{36}):(\d{15})-(\d{15})$/.exec(key);
  if (!match) return null;
  return {
    recipientId: match[1],
    from: new Date(Number(match[2])),
    until: new Date(Number(match[3])),
  };
}

/** How a recipient's new alert is mailed. */
export type AlertMailPlan =
  /** Nothing was mailed to them within the window: this alert goes out at once. */
  | { send: 'now' }
  /**
   * Gathered into the mail sent when the window ends; `create` when this alert opens that
   * mail (its window follows the last mail), otherwise it joins one that is still waiting.
   */
  | { send: 'gathered'; key: string; window: AlertWindow; create: boolean };

/**
 * The first alert goes out at once; those within the next `windowMs` wait for one mail at the
 * window's end, and the window after that one likewise: at most one mail per window after the
 * first, however busy the scoring.
 */
export function planAlertMail(input: {
  recipientId: string;
  now: Date;
  windowMs: number;
  /** When the latest alert that went out on its own was recorded (null: none recently). */
  lastImmediate: Date | null;
  /** The latest gathered mail's window (null: none). */
  lastGathered: AlertWindow | null;
}): AlertMailPlan {
  const { recipientId, now, windowMs, lastImmediate, lastGathered } = input;
  if (lastGathered && lastGathered.until.getTime() > now.getTime()) {
    return {
      send: 'gathered',
      key: gatheredAlertKey(recipientId, lastGathered),
      window: lastGathered,
      create: false,
    };
  }
  const recent = [lastImmediate, lastGathered?.until ?? null]
    .filter((at): at is Date => at !== null && at.getTime() > now.getTime() - windowMs)
    .map((at) => at.getTime());
  if (recent.length === 0) return { send: 'now' };
  const from = new Date(Math.max(...recent));
  const window = { from, until: new Date(from.getTime() + windowMs) };
  return { send: 'gathered', key: gatheredAlertKey(recipientId, window), window, create: true };
}
