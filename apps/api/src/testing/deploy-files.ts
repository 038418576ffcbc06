import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Readers for the deployment files under deploy/ and the Dockerfiles, for deploy-files.test.ts. */

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export const readRepoFile = (relative: string): string =>
  readFileSync(path.join(REPO_ROOT, relative), 'utf8');

// The `yaml` package is not a dependency of this app; the OpenAPI validator it uses in tests depends on it, so
// it is resolved from there rather than installed a second time.
const requireFromValidator = createRequire(
  createRequire(import.meta.url).resolve('@seriousme/openapi-schema-validator'),
);
const yaml = requireFromValidator('yaml') as {
  parse(text: string, options?: { merge?: boolean; uniqueKeys?: boolean }): unknown;
};

/** YAML as Compose reads it (1.1 merge keys `<<` included); throws on syntax errors and duplicate keys. */
export const parseYaml = (text: string): unknown => yaml.parse(text, { merge: true, uniqueKeys: true });

export type DockerInstruction = { keyword: string; args: string; stage: number };

/** A Dockerfile's instructions (continuation lines joined, comments dropped), each with its stage number. */
export const parseDockerfile = (text: string): DockerInstruction[] => {
  const joined = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const instructions: DockerInstruction[] = [];
  let stage = -1;
  for (const line of joined.split('\n')) {
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const keyword = (match[1] ?? '').toUpperCase();
    if (keyword === 'FROM') stage += 1;
    instructions.push({ keyword, args: (match[2] ?? '').replace(/\s+/g, ' ').trim(), stage });
  }
  return instructions;
};

const PROMQL_KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring']);

/**
 * The metric names a PromQL expression reads: identifiers that are not functions (followed by `(`), keywords,
 * label names (inside `{}` or a `by (...)` list) or template variables.
 */
export const metricNamesIn = (expr: string): string[] => {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\w+/g, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(/(?<![\w.])([A-Za-z_:][A-Za-z0-9_:]*)(?![A-Za-z0-9_:]|\s*\()/g)) {
    const name = match[1] ?? '';
    if (!PROMQL_KEYWORDS.has(name) && !/^(?:e|inf|nan)$/i.test(name)) names.add(name);
  }
  return [...names];
};

/** Every sample name a /metrics page can carry: counters and gauges as named, histograms with their series. */
export const exposedMetricNames = (page: string): Set<string> => {
  const names = new Set<string>();
  for (const match of page.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name = '', type] = match;
    names.add(name);
    if (type === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
};
