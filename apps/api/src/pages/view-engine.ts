import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** The repository root, found from this file both in source (tests) and in dist (runtime). */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

export const VIEWS_DIR = join(projectRoot(), 'apps', 'api', 'views');
export const PUBLIC_DIR = join(projectRoot(), 'apps', 'api', 'public');

/** Every file under views/partials, registered by its path without extension. */
function loadPartials(): Record<string, string> {
  const root = join(VIEWS_DIR, 'partials');
  const partials: Record<string, string> = {};
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.hbs'))
        partials[relative(root, full).replace(/\.hbs$/, '')] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return partials;
}

/**
 * Server-rendered pages: Handlebars (templates compiled once and cached by @fastify/view in
 * production), static assets from our own origin under /static, form and multipart bodies.
 */
export async function registerPages(
  app: NestFastifyApplication,
  options: { production: boolean },
): Promise<void> {
  const handlebars = Handlebars.create();
  for (const [name, source] of Object.entries(loadPartials())) {
    handlebars.registerPartial(name, handlebars.compile(source, { strict: false }));
  }
  await app.register(fastifyMultipart, {
    limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 20 },
  });
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/static/', decorateReply: false });
  await app.register(fastifyView, {
    engine: { handlebars },
    root: VIEWS_DIR,
    viewExt: 'hbs',
    production: options.production,
  });
}
