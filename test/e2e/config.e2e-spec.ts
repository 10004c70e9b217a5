import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Starts a real process of the given entry point from source and returns how it ended. */
function start(
  entry: string,
  env: Record<string, string>,
): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', join(root, entry)], {
    cwd: root,
    env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.json'), ...env },
    encoding: 'utf8',
    // Compiling the app from source takes about 3 s on a quiet machine, over 10 s on a busy one.
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('configuration is validated at start', () => {
  it('the api refuses a malformed DATABASE_URL with one line naming it', () => {
    const { status, stderr } = start('apps/api/src/main.ts', {
      DATABASE_URL: 'mysql://db/kakehashi',
    });
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      'Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL (got "mysql://db/kakehashi")',
    ]);
  });

  it('the worker refuses production without JWT_SECRET and SMTP_URL', () => {
    const { status, stderr } = start('apps/worker/src/main.ts', {
      NODE_ENV: 'production',
      JWT_SECRET: '',
      SMTP_URL: '',
    });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^Invalid configuration: .*SMTP_URL/);
    expect(stderr).toContain('JWT_SECRET must be set to at least 32 characters');
  });
});
