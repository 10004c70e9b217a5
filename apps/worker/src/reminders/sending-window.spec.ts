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
