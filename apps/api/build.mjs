// Bundles src/main.ts into dist/main.js (and src/testing/e2e-server.ts into dist/e2e-server.js): workspace packages (@bytelyst/*) from their TS source, every other
// package left external. pnpm keeps dependencies strictly per package, so a dependency of a workspace package
// that this app does not list itself is imported by its path inside node_modules/.pnpm, relative to dist/,
// which holds as long as the repo is not reinstalled with other versions (then rebuild).
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
// `--outdir DIR` bundles elsewhere (the crash tests bundle main.ts into a folder of their own, since a
// process started from a bundle is up in a fraction of the time tsx takes).
const outdirArg = process.argv.indexOf('--outdir');
const outdir = outdirArg > 0 ? path.resolve(process.argv[outdirArg + 1] ?? 'dist') : path.join(here, 'dist');
const pkg = JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8'));
const ownDeps = new Set(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }));
const builtins = new Set(builtinModules);

const packageName = (specifier) => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
};

/** @type {import('esbuild').Plugin} */
const externalizeDependencies = {
  name: 'externalize-dependencies',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.resolving) return undefined;
      const name = packageName(args.path);
      if (args.path.startsWith('node:') || builtins.has(name)) return { path: args.path, external: true };
      if (name.startsWith('@bytelyst/')) return undefined;
      if (ownDeps.has(name)) return { path: args.path, external: true };
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: { resolving: true },
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      const relative = path.relative(outdir, resolved.path).split(path.sep).join('/');
      return { path: relative.startsWith('.') ? relative : `./${relative}`, external: true };
    });
  },
};

// main.js is the product; e2e-server.js is the same start-up with the browser suite's fixture subscriber.
await build({
  entryPoints: {
    main: path.join(here, 'src/main.ts'),
    'e2e-server': path.join(here, 'src/testing/e2e-server.ts'),
  },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'info',
  plugins: [externalizeDependencies],
  banner: {
    js: [
      "import { createRequire as __bytelystCreateRequire } from 'node:module';",
      'const require = __bytelystCreateRequire(import.meta.url);',
    ].join('\n'),
  },
});
