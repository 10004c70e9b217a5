import { redisRetryStrategy } from './queue.module';

describe('redisRetryStrategy', () => {
  it('reconnects soon after a short blip', () => {
    expect([1, 2, 3].map(redisRetryStrategy)).toEqual([500, 1000, 1500]);
  });

  it('never waits more than 2 s between attempts, however long Redis has been away', () => {
    // A 30 s outage takes about 17 attempts; an hour, some 1,800.
    for (const times of [4, 10, 17, 100, 1800, 1_000_000]) {
      expect(redisRetryStrategy(times)).toBe(2000);
    }
  });
});
