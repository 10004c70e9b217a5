import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Runs the operators' CLI from source, as a real process against this run's database. */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', join(root, 'apps/api/src/cli/main.ts'), ...args],
    {
      cwd: root,
      env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.json') },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run cli -- create-tenant', () => {
  const email = `admin-${randomBytes(4).toString('hex')}@cli.example.jp`;

  it('creates a tenant and its admin and prints their ids', () => {
    const created = cli(
      'create-tenant',
      '--name',
      '株式会社コマンド',
      '--admin-email',
      email,
      '--admin-password',
      'Strong-Passw0rd!',
    );
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(
      /^organization [0-9a-f-]{36} \(.+\)\nadmin [0-9a-f-]{36} <.+>\n$/,
    );
    expect(created.stdout).toContain(`<${email}>`);
  });

  it('refuses an email that is already registered, with a clear message', () => {
    const again = cli(
      'create-tenant',
      '--name',
      '別会社',
      '--admin-email',
      email.toUpperCase(),
      '--admin-password',
      'Strong-Passw0rd!',
    );
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toBe(`error: email ${email} is already registered`);
  });

  it('refuses a weak password and names the rule', () => {
    const weak = cli(
      'create-tenant',
      '--name',
      '弱い会社',
      '--admin-email',
      `weak-${email}`,
      '--admin-password',
      'password',
    );
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('password must be at least 12 characters');
  });

  it('names the missing options', () => {
    const missing = cli('create-tenant', '--name', 'X');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('missing --admin-email, --admin-password');
  });
});
