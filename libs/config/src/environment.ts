import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidateIf,
} from 'class-validator';
import { IsUrlWithProtocol } from './is-url-with-protocol.validator';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/** Development secret: refused in production, where JWT_SECRET must be set. */
export const DEVELOPMENT_JWT_SECRET = 'kakehashi-development-secret-do-not-use-in-production';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/**
 * Every environment variable the processes read, validated once at start.
 * Defaults point at the local services so `npm start` needs no configuration.
 */
export class Environment {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsUrlWithProtocol(['http', 'https'])
  APP_URL = 'http://localhost:3000';

  @IsUrlWithProtocol(['postgres', 'postgresql'])
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/kakehashi';

  @IsUrlWithProtocol(['redis', 'rediss'])
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** BullMQ key prefix; the braces are a Redis Cluster hash tag keeping a queue's keys together. */
  @IsString()
  @MinLength(1)
  QUEUE_PREFIX = '{kakehashi}';

  /** Empty in development: mail then goes to the file outbox shown in the console. */
  @ValidateIf((env: Environment) => env.NODE_ENV === 'production' || env.SMTP_URL !== undefined)
  @IsUrlWithProtocol(['smtp', 'smtps'])
  SMTP_URL?: string;

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Kakehashi <no-reply@kakehashi.example>';

  @Transform(toInt)
  @IsNumber()
  @Min(0.1)
  MAIL_RATE_PER_SECOND = 50;

  @ValidateIf((env: Environment) => env.NODE_ENV === 'production' || env.JWT_SECRET !== undefined)
  @IsString({ message: 'JWT_SECRET must be set to at least 32 characters' })
  @MinLength(32, { message: 'JWT_SECRET must be set to at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_ATTEMPTS_PER_MINUTE_PER_IP = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_ATTEMPTS_PER_MINUTE_PER_ACCOUNT = 5;

  /** Password-reset requests (the login page's 「パスワードをお忘れの方」) per client address per hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_REQUESTS_PER_HOUR_PER_IP = 10;

  /** Password-reset requests per email address per hour; beyond, nothing is mailed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_REQUESTS_PER_HOUR_PER_ADDRESS = 3;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  OUTBOX_POLL_INTERVAL_MS = 250;

  /** How often the worker looks for relayed jobs that Redis lost. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  OUTBOX_SWEEP_INTERVAL_MS = 30_000;

  /** A relayed job not done after this long is checked against Redis by the sweep. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  OUTBOX_SWEEP_AFTER_MS = 60_000;

  /** Outbox rows done longer ago than this are deleted (hourly); rows not done are kept. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_RETENTION_DAYS = 7;

  /** How often the reminder sweep job runs (BullMQ job scheduler `reminder-sweep`). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  REMINDER_SWEEP_INTERVAL_MS = 300_000;

  /**
   * High-tier alert mail: an owner's first alert goes out at once; those that follow within this
   * many minutes are gathered into one mail sent when the window ends (at most a day).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  HIGH_TIER_ALERT_WINDOW_MINUTES = 10;

  /**
   * Which proxies may set the client address (X-Forwarded-For) that per-IP limits count by:
   * `false` (the default: the socket's address, so a client cannot pick its own), `true` (any),
   * a hop count, or a comma-separated list of proxy addresses or CIDRs.
   */
  @Matches(/^(true|false|\d{1,2}|[0-9a-fA-F:.]+(\/\d{1,3})?(,[0-9a-fA-F:.]+(\/\d{1,3})?)*)$/, {
    message:
      'TRUST_PROXY must be true, false, a hop count or a comma-separated list of proxy addresses',
  })
  TRUST_PROXY = 'false';

  /** Bearer token for GET /metrics; when unset, /metrics answers only requests from localhost. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /**
   * Organizations whose admins operate the platform (Bull Board, the development mail outbox):
   * these tools show every tenant's jobs and mail, so a tenant admin alone is not enough.
   * Comma-separated ids. Unset outside production: any admin (single-tenant development).
   */
  @IsOptional()
  @IsString()
  OPERATOR_ORGANIZATION_IDS?: string;

  /** Where evidence files and the development mail outbox are written. */
  @IsString()
  DATA_DIR = 'var';

  /**
   * Evidence one questionnaire may hold, so a leaked link cannot fill the disk: far more files
   * than a questionnaire asks for (each file item names one), and room for twenty full-size ones.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  EVIDENCE_MAX_FILES_PER_ASSESSMENT = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  EVIDENCE_MAX_MB_PER_ASSESSMENT = 200;

  get jwtSecret(): string {
    return this.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET;
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** Whether an admin of this organization may use the platform-wide operator tools. */
  isOperatorOrganization(organizationId: string): boolean {
    const ids = (this.OPERATOR_ORGANIZATION_IDS ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    if (ids.length === 0) return !this.isProduction;
    return ids.includes(organizationId);
  }
}

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

const TYPE_CONSTRAINTS = ['isUrlWithProtocol', 'isInt', 'isNumber', 'isString', 'isIn'];

/** Validates raw variables (usually process.env); throws one error naming every bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const present = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
  const env = plainToInstance(Environment, present, { exposeDefaultValues: true });
  const errors = validateSync(env, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const problems = errors.map((error) => {
      const constraints = error.constraints ?? {};
      // Say what the value should be before saying which bound it broke.
      const key =
        TYPE_CONSTRAINTS.find((name) => name in constraints) ?? Object.keys(constraints)[0];
      const message = (key && constraints[key]) || 'is invalid';
      return message.startsWith(error.property) ? message : `${error.property} ${message}`;
    });
    throw new InvalidEnvironmentError(problems);
  }
  return env;
}

/**
 * TRUST_PROXY as Fastify's `trustProxy` option takes it; a hop count becomes a function that
 * trusts that many proxies nearest to the server.
 */
export function trustProxyOption(
  value: string,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address: string, hop: number) => hop < hops;
  }
  return value.split(',').map((entry) => entry.trim());
}
