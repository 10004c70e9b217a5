import { InvalidEnvironmentError, trustProxyOption, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('fills development defaults pointing at the local services', () => {
    const env = validateEnvironment({});
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/kakehashi');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.PORT).toBe(3000);
    expect(env.APP_URL).toBe('http://localhost:3000');
  });

  it('turns numeric strings into numbers', () => {
    expect(validateEnvironment({ PORT: '8080' }).PORT).toBe(8080);
  });

  it('keeps done outbox rows 7 days unless told otherwise', () => {
    expect(validateEnvironment({}).OUTBOX_RETENTION_DAYS).toBe(7);
    expect(validateEnvironment({ OUTBOX_RETENTION_DAYS: '30' }).OUTBOX_RETENTION_DAYS).toBe(30);
  });

  it('gathers high-tier alert mail over 10 minutes unless told otherwise', () => {
    expect(validateEnvironment({}).HIGH_TIER_ALERT_WINDOW_MINUTES).toBe(10);
    const env = validateEnvironment({ HIGH_TIER_ALERT_WINDOW_MINUTES: '30' });
    expect(env.HIGH_TIER_ALERT_WINDOW_MINUTES).toBe(30);
  });

  it('trusts no proxy unless told: a client cannot choose the address it is counted by', () => {
    expect(trustProxyOption(validateEnvironment({}).TRUST_PROXY)).toBe(false);
    expect(trustProxyOption('true')).toBe(true);
    expect(trustProxyOption('10.0.0.0/8, 192.168.1.5')).toEqual(['10.0.0.0/8', '192.168.1.5']);
    const oneHop = trustProxyOption('1') as (address: string, hop: number) => boolean;
    expect([oneHop('10.0.0.2', 0), oneHop('203.0.113.9', 1)]).toEqual([true, false]);
  });

  it.each([
    [
      'DATABASE_URL',
      'not a url',
      'DATABASE_URL must be a postgres:// or postgresql:// URL (got "not a url")',
    ],
    ['REDIS_URL', 'http://127.0.0.1:6379', 'REDIS_URL must be a redis:// or rediss:// URL'],
    ['SMTP_URL', 'smtp//broken', 'SMTP_URL must be a smtp:// or smtps:// URL'],
    ['PORT', 'eighty', 'PORT must be an integer number'],
    ['OUTBOX_RETENTION_DAYS', '0', 'OUTBOX_RETENTION_DAYS must not be less than 1'],
    ['OUTBOX_RETENTION_DAYS', '1.5', 'OUTBOX_RETENTION_DAYS must be an integer number'],
    [
      'HIGH_TIER_ALERT_WINDOW_MINUTES',
      '0',
      'HIGH_TIER_ALERT_WINDOW_MINUTES must not be less than 1',
    ],
    [
      'HIGH_TIER_ALERT_WINDOW_MINUTES',
      '2000',
      'HIGH_TIER_ALERT_WINDOW_MINUTES must not be greater than 1440',
    ],
    [
      'HIGH_TIER_ALERT_WINDOW_MINUTES',
      'ten',
      'HIGH_TIER_ALERT_WINDOW_MINUTES must be an integer number',
    ],
    ['TRUST_PROXY', 'yes', 'TRUST_PROXY must be true, false, a hop count or a comma-separated'],
  ])('names %s when it is malformed', (name, value, message) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(message);
  });

  it('never echoes a password from a connection string', () => {
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://app:s3cret@db/x' })).toThrow(
      'mysql://app:***@db/x',
    );
  });

  it('requires a long JWT_SECRET and an SMTP_URL in production', () => {
    try {
      validateEnvironment({ NODE_ENV: 'production' });
      throw new Error('expected a validation error');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEnvironmentError);
      const problems = (error as InvalidEnvironmentError).problems.join('\n');
      expect(problems).toContain('SMTP_URL');
      expect(problems).toContain('JWT_SECRET must be set to at least 32 characters');
    }
  });
});
