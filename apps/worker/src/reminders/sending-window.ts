import holidayJp from '@holiday-jp/holiday_jp';
import { DEFAULT_QUIET_HOURS, type OrganizationSettings } from '@kakehashi/database';

const TOKYO_OFFSET_MS = 9 * 3600 * 1000; // Japan has no daylight saving time

/**
 * Whether reminders may go out at `now` for a tenant: [startHour, endHour) Tokyo time, and with
 * `weekdaysOnly` (the default) on Japanese business days only: not on Saturdays, Sundays,
 * national holidays (振替休日 and 国民の休日 included, from the holiday_jp data) or during the
 * year-end break most companies close for (12/29–1/3).
 */
export function insideSendingWindow(now: Date, settings: OrganizationSettings | null): boolean {
  const window = { ...DEFAULT_QUIET_HOURS, ...settings?.quietHours };
  const tokyo = new Date(now.getTime() + TOKYO_OFFSET_MS);
  if (window.weekdaysOnly && !isBusinessDay(tokyo)) return false;
  const hour = tokyo.getUTCHours();
  return hour >= window.startHour && hour < window.endHour;
}

/** `tokyo` is the Tokyo wall-clock time expressed in UTC fields. */
function isBusinessDay(tokyo: Date): boolean {
  const day = tokyo.getUTCDay();
  if (day === 0 || day === 6) return false;
  const month = tokyo.getUTCMonth() + 1;
  const date = tokyo.getUTCDate();
  if ((month === 12 && date >= 29) || (month === 1 && date <= 3)) return false;
  const key = tokyo.toISOString().slice(0, 10) as keyof typeof holidayJp.holidays;
  return !(key in holidayJp.holidays);
}
