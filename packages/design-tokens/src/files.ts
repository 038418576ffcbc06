import { toCss } from './css';
import { toKotlin } from './kotlin';
import type { ThemeTokens } from './schema';
import { toSwift } from './swift';
import { toTypeScript } from './typescript';

export const FILE_FORMATS = ['css', 'ts', 'kt', 'swift'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export type GeneratedFile = { filename: string; contentType: string; content: string };

const CONTENT_TYPES: Record<FileFormat, string> = {
  css: 'text/css; charset=utf-8',
  ts: 'text/plain; charset=utf-8',
  kt: 'text/plain; charset=utf-8',
  swift: 'text/plain; charset=utf-8',
};

/** A product id as a type name (`mind-lyst` -> `MindLyst`): letters and digits, starting with a letter. */
const identifier = (name: string) => {
  const words = name
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  const joined = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z]/.test(joined) ? joined : `Theme${joined}`;
};

/** One generated source file, named after the product (`lysnrai-theme.css`, `LysnraiTheme.kt`, ...). */
export const generateFile = (tokens: ThemeTokens, format: FileFormat, productId: string): GeneratedFile => {
  const type = identifier(productId);
  const base = { contentType: CONTENT_TYPES[format] };
  switch (format) {
    case 'css':
      return { ...base, filename: `${productId}-theme.css`, content: toCss(tokens) };
    case 'ts':
      return { ...base, filename: `${productId}-theme.ts`, content: toTypeScript(tokens) };
    case 'kt':
      return {
        ...base,
        filename: `${type}Theme.kt`,
        content: toKotlin(tokens, {
          objectName: `${type}Theme`,
          packageName: `com.bytelyst.theme.${type.toLowerCase()}`,
        }),
      };
    case 'swift':
      return { ...base, filename: `${type}Theme.swift`, content: toSwift(tokens, { prefix: type }) };
    default: {
      const unreachable: never = format;
      throw new Error(`unknown format ${String(unreachable)}`);
    }
  }
};
