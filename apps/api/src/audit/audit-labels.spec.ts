import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ACTION_GROUPS, actionLabel, isKnownAction } from './audit-labels';

const ROOT = join(__dirname, '..', '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

describe('audit action labels', () => {
  it('names every action the code records, in Japanese and English', () => {
    const prefixes = new Set(
      AUDIT_ACTION_GROUPS.flatMap((g) => Object.keys(g.actions).map((a) => a.split('.')[0])),
    );
    const pattern = /'([a-z]+)\.([a-z_]+)'/g;
    const recorded = new Set<string>();
    for (const top of ['apps', 'libs']) {
      for (const file of sources(join(ROOT, top))) {
        if (file.endsWith('audit-labels.ts')) continue;
        const text = readFileSync(file, 'utf8');
        if (!/audit/i.test(text)) continue;
        for (const [, prefix, name] of text.matchAll(pattern)) {
          if (prefixes.has(prefix)) recorded.add(`${prefix}.${name}`);
        }
      }
    }
    // The recording sites are found at all (the scan is not looking in the wrong place).
    expect(recorded).toContain('campaign.launched');
    expect(recorded).toContain('assessment.answers_saved');
    expect([...recorded].filter((a) => !isKnownAction(a))).toEqual([]);
    for (const group of AUDIT_ACTION_GROUPS) {
      for (const label of Object.values(group.actions)) {
        expect(label.ja).not.toBe('');
        expect(label.en).not.toBe('');
      }
    }
  });

  it('shows an action it does not know as recorded', () => {
    expect(actionLabel('campaign.launched', 'ja')).toBe('キャンペーンを開始');
    expect(actionLabel('campaign.launched', 'en')).toBe('Campaign launched');
    expect(actionLabel('legacy.thing', 'ja')).toBe('legacy.thing');
    expect(actionLabel('toString', 'en')).toBe('toString');
  });
});
