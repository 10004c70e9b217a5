// Runs one benchmark by name: `npm run bench -- NAME` loads test/bench/NAME.bench.ts.
// Each benchmark prints its own closing line: `bench NAME: ours X UNIT, baseline Y UNIT, ratio R`.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const name = process.argv[2];
  const available = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.replace(/\.bench\.ts$/, ''));
  if (!name || !existsSync(join(__dirname, `${name}.bench.ts`))) {
    console.error(`usage: npm run bench -- NAME   (available: ${available.join(', ') || 'none'})`);
    process.exit(2);
  }
  const bench = (await import(join(__dirname, `${name}.bench.ts`))) as { run: () => Promise<void> };
  await bench.run();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
