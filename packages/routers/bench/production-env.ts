/**
 * Imported first by benches that render React: what production runs is React's production build, so the
 * figures are measured on it (set BENCH_NODE_ENV=development to measure the development build instead).
 */
(process.env as Record<string, string>).NODE_ENV = process.env.BENCH_NODE_ENV ?? 'production';
