/** Cross-platform design tokens: one theme in, CSS / TypeScript / Kotlin / Swift source out. */
export {
  AA_MINIMUM,
  type ContrastCheck,
  checkContrast,
  contrastRatio,
  relativeLuminance,
  rgbOf,
  TEXT_PAIRS,
  type TextPair,
} from './contrast';
export { colorVar, ROOT_FONT_PX, scaleDeclarations, toCss } from './css';
export { DEFAULT_THEME } from './defaults';
export { FILE_FORMATS, type FileFormat, type GeneratedFile, generateFile } from './files';
export { argbLiteral, toKotlin } from './kotlin';
export { PLATFORM_UNITS, PLATFORMS, type Platform, type PlatformTokens, tokensForPlatform } from './platform';
export * from './schema';
export { swiftColor, toSwift } from './swift';
export { toTypeScript } from './typescript';
export { type TokenIssue, type ValidationResult, validateTheme } from './validate';
