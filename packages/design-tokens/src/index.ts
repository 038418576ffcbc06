/** Cross-platform design tokens: one theme in, CSS / TypeScript / Kotlin / Swift source out. */
export const DESIGN_TOKENS_PACKAGE = '@bytelyst/design-tokens';
