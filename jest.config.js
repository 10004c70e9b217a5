// One jest configuration for unit tests (beside the code) and end-to-end tests (test/).
// NestJS 12 ships ESM only; jest runs CommonJS here, so those packages go through SWC too.
const fs = require('node:fs');
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.json');

function findEsmPackages(root) {
  const names = new Set();
  const visit = (dir, depth) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.name.startsWith('@')) {
        visit(full, depth);
        continue;
      }
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(full, 'package.json'), 'utf8'));
        if (pkg.type === 'module' && pkg.name) names.add(pkg.name.replace(/[.+]/g, '\\$&'));
      } catch {
        // not a package
      }
      if (depth < 2) visit(path.join(full, 'node_modules'), depth + 1);
    }
  };
  visit(root, 0);
  return [...names];
}

const swcTs = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
  },
];
const swcJs = ['@swc/jest', { jsc: { target: 'es2023' }, module: { type: 'commonjs' } }];

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias}$`,
    `<rootDir>/${target.replace(/^\.\//, '')}`,
  ]),
);

// Packages published as ES modules only (NestJS 12, nodemailer's deps, cookie, ...): jest's
// CommonJS runtime cannot require them (Node 20 can, jest before Node 24.9 cannot), so SWC
// compiles them too. Found by their package.json rather than kept as a hand-written list.
// @fastify/cookie is CommonJS but loads `cookie` (ESM) with import(), which jest's CommonJS
// runtime only allows once SWC has turned it into require().
const esmPackages = [...findEsmPackages(path.join(__dirname, 'node_modules')), '@fastify/cookie'];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swcTs, '^.+\\.m?js$': swcJs },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper,
};

module.exports = {
  // A global option (jest ignores it inside a project): tests against real services and
  // Chromium on two shared cores need more than the default 5 s, most of all on a cold start.
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  transform: common.transform,
  transformIgnorePatterns: common.transformIgnorePatterns,
  moduleNameMapper,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
  ],
};
