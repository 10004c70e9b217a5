import {
  dueDateGraceEnd,
  LINK_GRACE_DAYS,
  LINK_MIN_LIFETIME_DAYS,
  linkExpiry,
} from './assessment-links';

const DAY_MS = 24 * 3600 * 1000;

describe('link expiry', () => {
  it('ends the grace period 30 days after the end of the due day in Tokyo', () => {
    expect(LINK_GRACE_DAYS).toBe(30);
    // 23:59:59.999 on 30 June in Tokyo is 14:59:59.999 UTC.
    expect(dueDateGraceEnd('2030-06-30').toISOString()).toBe('2030-07-30T14:59:59.999Z');
  });

  it('gives a link minted before the due date the due date’s grace period', () => {
    const issuedAt = new Date('2030-06-04T01:00:00Z');
    expect(linkExpiry('2030-06-30', issuedAt)).toEqual(dueDateGraceEnd('2030-06-30'));
    // Minted 10 days after the due date: the grace period still outlasts two weeks.
    const late = new Date('2030-07-10T01:00:00Z');
    expect(linkExpiry('2030-06-30', late)).toEqual(dueDateGraceEnd('2030-06-30'));
  });

  it('gives a link minted long after the due date two weeks from its issue', () => {
    expect(LINK_MIN_LIFETIME_DAYS).toBe(14);
    // A reopen mailed 66 days after the due date: the grace period ended 36 days ago.
    const issuedAt = new Date('2030-09-04T01:00:00Z');
    const expiry = linkExpiry('2030-06-30', issuedAt);
    expect(expiry.getTime()).toBe(issuedAt.getTime() + 14 * DAY_MS);
    expect(expiry.getTime()).toBeGreaterThan(issuedAt.getTime());
    // Where the two meet, the later one wins (never shorter than the grace period).
    const edge = new Date(dueDateGraceEnd('2030-06-30').getTime() - 14 * DAY_MS + 1);
    expect(linkExpiry('2030-06-30', edge).getTime()).toBe(edge.getTime() + 14 * DAY_MS);
  });
});
