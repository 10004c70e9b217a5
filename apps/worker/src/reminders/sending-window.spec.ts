import { insideSendingWindow } from './sending-window';

describe('insideSendingWindow', () => {
  it('opens 09:00-18:00 Tokyo on weekdays by default', () => {
    // 2026-12-01 is a Tuesday; 00:00Z = 09:00 Tokyo.
    expect(insideSendingWindow(new Date('2026-12-01T00:00:00Z'), {})).toBe(true);
    expect(insideSendingWindow(new Date('2026-11-30T23:59:00Z'), {})).toBe(false);
    expect(insideSendingWindow(new Date('2026-12-01T08:59:00Z'), {})).toBe(true);
    expect(insideSendingWindow(new Date('2026-12-01T09:00:00Z'), {})).toBe(false);
  });

  it('holds reminders on a Tokyo Saturday unless the tenant allows weekends', () => {
    const saturdayNoon = new Date('2026-12-05T03:00:00Z');
    expect(insideSendingWindow(saturdayNoon, null)).toBe(false);
    const weekends = { quietHours: { startHour: 8, endHour: 20, weekdaysOnly: false } };
    expect(insideSendingWindow(saturdayNoon, weekends)).toBe(true);
  });
});

describe('insideSendingWindow on Japanese holidays', () => {
  const noonTokyo = (date: string) => new Date(`${date}T03:00:00Z`);

  it('holds reminders on national holidays, substitute holidays and the year-end break', () => {
    for (const holiday of [
      '2027-01-11', // 成人の日 (Monday)
      '2026-11-23', // 勤労感謝の日 (Monday)
      '2027-05-03', // 憲法記念日
      '2026-09-22', // 国民の休日 between 敬老の日 and 秋分の日
      '2026-05-06', // 振替休日 for 憲法記念日 on a Sunday
      '2026-12-29', // 年末
      '2026-12-31',
      '2027-01-01', // 元日
    ]) {
      expect({ holiday, open: insideSendingWindow(noonTokyo(holiday), {}) }).toEqual({
        holiday,
        open: false,
      });
    }
  });

  it('sends on the business days around them', () => {
    for (const day of ['2026-12-28', '2027-01-04', '2027-01-12', '2026-11-24']) {
      expect({ day, open: insideSendingWindow(noonTokyo(day), {}) }).toEqual({ day, open: true });
    }
  });

  it('judges the day in Tokyo: 23:30 UTC before a holiday is already the holiday there', () => {
    // 2027-01-10T23:30Z is 08:30 on Monday 2027-01-11 (成人の日) in Tokyo.
    const window = { quietHours: { startHour: 8, endHour: 18, weekdaysOnly: true } };
    expect(insideSendingWindow(new Date('2027-01-10T23:30:00Z'), window)).toBe(false);
    expect(insideSendingWindow(new Date('2027-01-11T23:30:00Z'), window)).toBe(true);
  });

  it('sends on holidays too when the tenant allows every day', () => {
    const everyDay = { quietHours: { startHour: 9, endHour: 18, weekdaysOnly: false } };
    expect(insideSendingWindow(noonTokyo('2027-01-01'), everyDay)).toBe(true);
  });
});
