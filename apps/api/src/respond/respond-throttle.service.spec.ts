import { RespondThrottleService } from './respond-throttle.service';

describe('RespondThrottleService', () => {
  it('allows up to the limit per window and key, then answers 429 until the window passes', () => {
    const throttle = new RespondThrottleService();
    for (let i = 0; i < 3; i++) expect(throttle.allow('a', 3, 1000, 0)).toBe(true);
    expect(throttle.allow('a', 3, 1000, 10)).toBe(false);
    expect(throttle.allow('b', 3, 1000, 10)).toBe(true);
    expect(() => throttle.hit('a', 3, 1000, 20)).toThrow(expect.objectContaining({ status: 429 }));
    expect(throttle.allow('a', 3, 1000, 1000)).toBe(true);
  });
});
