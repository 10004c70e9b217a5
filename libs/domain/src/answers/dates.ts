// Calendar dates as 'YYYY-MM-DD' strings. Such strings sort like the dates they name, so the engine
// compares them as strings and never reads the clock (the caller passes `asOf`).

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/**
 * The date `months` months before `asOf`, keeping the day number. The result may name a day that
 * does not exist (2026-02-30); it still sorts correctly against real dates.
 */
export function monthsBefore(asOf: string, months: number): string {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7));
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const mo = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${asOf.slice(8, 10)}`;
}

/** True when `date` is no older than `months` months before `asOf` (later dates count too). */
export function isRecent(date: string, asOf: string, months: number): boolean {
  return date >= monthsBefore(asOf, months);
}
