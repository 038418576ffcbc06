import { GENERATED_HEADER } from './names';
import type { ThemeTokens } from './schema';

/** The theme as a TypeScript module: one `as const` object (literal types for every value) and its type. */
export const toTypeScript = (tokens: ThemeTokens, name = 'theme'): string =>
  [
    `// ${GENERATED_HEADER}`,
    `export const ${name} = ${JSON.stringify(tokens, null, 2)} as const;`,
    '',
    `export type Theme = typeof ${name};`,
    `export type ColorRole = keyof Theme['colors']['light'];`,
    '',
    `export default ${name};`,
    '',
  ].join('\n');
