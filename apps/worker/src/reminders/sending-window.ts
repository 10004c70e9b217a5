import { DEFAULT_QUIET_HOURS, type OrganizationSettings } from '@kakehashi/database';

const TOKYO_OFFSET_MS = 9 * 3600 * 1000; // Japan has no daylight saving time

/** Whether reminders may go out at `now` for a tenant: [startHour, endHour) Tokyo, weekdays. */
export function insideSendingWindow(now: Date, settings: OrganizationSettings | null): boolean {
  const window = { ...DEFAULT_QUIET_HOURS, ...settings?.quietHours };
  const tokyo = new Date(now.getTime() + TOKYO_OFFSET_MS);
  const day = tokyo.getUTCDay();
  if (window.weekdaysOnly && (day === 0 || day === 6)) return false;
  const hour = tokyo.getUTCHours();
  return hour >= window.startHour && hour < window.endHour;
}
