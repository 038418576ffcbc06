import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Test helpers (harnesses, fake servers, kits) live in a `src/testing/` folder; product code never imports
 * them. Biome's noRestrictedImports enforces this in `pnpm lint`; this test holds the same line for anyone
 * who only runs the tests, and checks that the helpers stayed out of the product folders.
 */
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SOURCE_ROOTS = ['apps/api/src', 'apps/admin/src', ...packageSources()];

function packageSources(): string[] {
  return readdirSync(path.join(repo, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `packages/${entry.name}/src`);
}

function sourceFiles(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(repo, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

const isTestOnly = (file: string) =>
  /\.(test|spec)\.tsx?$/.test(file) ||
  file.includes('/testing/') ||
  // The DocumentStore and BlobStore contract suites are test suites that the driver tests instantiate.
  file.startsWith('packages/db/src/contract/') ||
  file.startsWith('packages/db/src/blob/blob-store-contract');

const SPECIFIER =
  /(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** Specifiers that reach test-only code: a testing folder, an old-style kit or helper file, or a test file. */
const TEST_ONLY_SPECIFIER =
  /(^|\/)testing(\/|$)|(^|\/)(test-helpers|test-kit|rest-kit)$|\.(test|spec)(\.tsx?)?$/;

const files = SOURCE_ROOTS.flatMap(sourceFiles);

describe('test helpers stay out of product code', () => {
  it('scans the sources of every app and package', () => {
    expect(files).toContain('apps/api/src/server.ts');
    expect(files).toContain('packages/routers/src/testing/harness.ts');
    expect(files.filter((file) => !isTestOnly(file)).length).toBeGreaterThan(100);
  });

  it('no product file imports from a testing folder or a test file', () => {
    const offending = files
      .filter((file) => !isTestOnly(file))
      .flatMap((file) =>
        [...readFileSync(path.join(repo, file), 'utf8').matchAll(SPECIFIER)]
          .map((match) => match[1] ?? match[2] ?? '')
          .filter((specifier) => TEST_ONLY_SPECIFIER.test(specifier))
          .map((specifier) => `${file} imports ${specifier}`),
      );
    expect(offending).toEqual([]);
  });

  it('the import scan recognises the shapes of import a product file could use', () => {
    const sample = [
      "import { createTestHarness } from '../../testing/harness';",
      "import type { TestServer } from './testing/server';",
      "export { startCosmosServer } from '@bytelyst/db/testing/cosmos-server';",
      "const kit = await import('./jobs/test-kit');",
      "import { loginRest } from './test-helpers';",
      "import { tokens } from './tokens.test';",
      "import { createServices } from '../services';",
    ].join('\n');
    const found = [...sample.matchAll(SPECIFIER)].map((match) => match[1] ?? match[2] ?? '');
    expect(found.filter((specifier) => TEST_ONLY_SPECIFIER.test(specifier))).toEqual([
      '../../testing/harness',
      './testing/server',
      '@bytelyst/db/testing/cosmos-server',
      './jobs/test-kit',
      './test-helpers',
      './tokens.test',
    ]);
  });

  it('keeps helpers out of product folders: no test-kit, rest-kit, fake-* or test-helpers file outside testing/', () => {
    const strays = files.filter(
      (file) =>
        !file.includes('/testing/') && /\/(test-kit|rest-kit|test-helpers|fake-[\w-]+)\.tsx?$/.test(file),
    );
    expect(strays).toEqual([]);
  });
});
