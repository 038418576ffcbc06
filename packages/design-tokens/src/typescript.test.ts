import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME } from './defaults';
import type { ThemeTokens } from './schema';
import { toTypeScript } from './typescript';

/** Type-checks files held in memory with the compiler API (strict, as the repo compiles). */
const diagnosticsOf = (files: Record<string, string>) => {
  const options: ts.CompilerOptions = {
    strict: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    noEmit: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError) => {
    const text = files[name];
    return text !== undefined ? ts.createSourceFile(name, text, version, true) : read(name, version, onError);
  };
  host.fileExists = (name) => name in files || ts.sys.fileExists(name);
  host.readFile = (name) => files[name] ?? ts.sys.readFile(name);
  host.directoryExists = (dir) => dir === '/virtual' || (ts.sys.directoryExists?.(dir) ?? false);
  const program = ts.createProgram(Object.keys(files), options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
};

/** Runs the module (transpiled to CommonJS) and returns its exports. */
const evaluate = (source: string): Record<string, unknown> => {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
  const exports: Record<string, unknown> = {};
  new Function('exports', js)(exports);
  return exports;
};

describe('toTypeScript', () => {
  const theme: ThemeTokens = structuredClone(DEFAULT_THEME);
  theme.colors.light.primary = '#be123c';
  const source = toTypeScript(theme);

  it('compiles without diagnostics, with literal types a consumer can rely on', () => {
    const consumer = [
      "import theme, { type ColorRole } from './theme';",
      "const primary: '#be123c' = theme.colors.light.primary;",
      'const md: 12 = theme.spacing.md;',
      "const role: ColorRole = 'onSurface';",
      'export const used = [primary, md, role];',
    ].join('\n');
    expect(diagnosticsOf({ '/virtual/theme.ts': source, '/virtual/consumer.ts': consumer })).toEqual([]);
    // The check is real: a wrong literal is a diagnostic.
    const wrong = "import theme from './theme';\nexport const p: '#000000' = theme.colors.light.primary;";
    const errors = diagnosticsOf({ '/virtual/theme.ts': source, '/virtual/wrong.ts': wrong });
    expect(errors).toEqual([`Type '"#be123c"' is not assignable to type '"#000000"'.`]);
    // Two whole programs with the standard library: seconds, not milliseconds.
  }, 30_000);

  it('evaluates to the tokens', () => {
    const module = evaluate(source);
    expect(module.theme).toEqual(theme);
    expect(module.default).toBe(module.theme);
  });
});
