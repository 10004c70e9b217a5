import { EventEmitter } from 'node:events';
import { logRedisErrors, REDIS_ERROR_LOG_INTERVAL_MS } from './redis-error-log';

describe('logRedisErrors', () => {
  it('reports the first error at once, then one line per interval with how many were left out', () => {
    const emitter = new EventEmitter();
    const lines: string[] = [];
    let clock = 0;
    logRedisErrors(
      emitter,
      'queue mail',
      { warn: (line: string) => lines.push(line) },
      () => clock,
    );

    const refused = new Error('connect ECONNREFUSED 127.0.0.1:6379');
    emitter.emit('error', refused);
    for (let i = 0; i < 14; i++) {
      clock += 2_000; // BullMQ retries every 2 s at most
      emitter.emit('error', refused);
    }
    expect(lines).toEqual([
      'queue mail: connect ECONNREFUSED 127.0.0.1:6379; BullMQ keeps reconnecting',
    ]);

    clock = REDIS_ERROR_LOG_INTERVAL_MS;
    emitter.emit('error', refused);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      'queue mail: connect ECONNREFUSED 127.0.0.1:6379 (14 more since the last report); BullMQ keeps reconnecting',
    );
  });

  it('keeps an error event from throwing (an emitter without a listener would)', () => {
    const emitter = new EventEmitter();
    logRedisErrors(emitter, 'worker scoring', { warn: () => undefined });
    expect(() => emitter.emit('error', new Error('boom'))).not.toThrow();
  });
});
