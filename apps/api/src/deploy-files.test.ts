import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOCS_DIR, ENV_KEYS, parseEnv } from './env';
import {
  exposedMetricNames,
  metricNamesIn,
  parseDockerfile,
  parseYaml,
  REPO_ROOT,
  readRepoFile,
} from './testing/deploy-files';
import { createTestServer, type TestServer } from './testing/server';

/**
 * The deployment files, checked without a Docker engine: the compose file and the Dockerfiles parse and hold
 * what the README promises, and the dashboard and the alert rules read only metrics the API registers.
 */

type ComposeService = {
  build?: { context: string; dockerfile: string };
  image?: string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  profiles?: string[];
};
type Compose = { services: Record<string, ComposeService> };
type Rule = {
  alert: string;
  expr: string;
  labels?: { severity?: string };
  annotations?: { summary?: string };
};
type Panel = { type: string; title: string; targets?: { expr: string }[]; panels?: Panel[] };

const compose = parseYaml(readRepoFile('deploy/docker-compose.yml')) as Compose;
const alerts = parseYaml(readRepoFile('deploy/prometheus/alerts.yml')) as {
  groups: { name: string; rules: Rule[] }[];
};
const dashboard = JSON.parse(readRepoFile('deploy/grafana/bytelyst-platform.json')) as {
  uid: string;
  panels: Panel[];
};
const ruleExprs = alerts.groups.flatMap((group) => group.rules.map((rule) => rule.expr));
const panelExprs = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));

/** Compose's `${VAR:?message}` and `${VAR:-default}`: required ones get a test value, the rest their default. */
const interpolate = (value: string): string =>
  value
    .replace(/\$\{[A-Z_]+:\?[^}]*\}/g, 'x'.repeat(40))
    .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, (_match, fallback: string) => fallback);

const apiServices = Object.entries(compose.services).filter(
  ([, service]) => service.build?.dockerfile === 'apps/api/Dockerfile',
);

describe('docker-compose.yml', () => {
  it('runs two API instances, a worker, the console, Azurite, the Cosmos emulator and the proxy', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['api-1', 'api-2', 'worker', 'console', 'azurite', 'cosmos', 'proxy']),
    );
    expect(apiServices.map(([name]) => name).sort()).toEqual(['api-1', 'api-2', 'worker']);
  });

  it('splits the workers: API instances serve HTTP only, the worker dispatches events and runs jobs', () => {
    for (const [name, service] of apiServices) {
      const env = parseEnv(
        Object.fromEntries(
          Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]),
        ),
      );
      const worker = name === 'worker';
      expect({ name, dispatch: env.EVENT_DISPATCHER_ENABLED, jobs: env.JOB_RUNNER_ENABLED }).toEqual({
        name,
        dispatch: worker,
        jobs: worker,
      });
      // A shared store: several containers cannot share a sqlite file.
      expect(env.DB_DRIVER).toBe('cosmos');
      expect(env.BLOB_DRIVER).toBe('azure');
      expect(env.NODE_ENV).toBe('production');
      expect(env.INSTANCE_ID).toBe(name);
    }
  });

  it('sets only variables the API reads', () => {
    const known = new Set(ENV_KEYS);
    const unknown = apiServices.flatMap(([name, service]) =>
      Object.keys(service.environment ?? {})
        .filter((key) => !known.has(key))
        .map((key) => `${name}.${key}`),
    );
    expect(unknown).toEqual([]);
  });

  it('health-checks the API, the worker, the console and the proxy on their real endpoints', () => {
    const testOf = (name: string) => compose.services[name]?.healthcheck?.test.join(' ') ?? '';
    for (const name of ['api-1', 'api-2', 'worker']) expect(testOf(name)).toContain(':4003/health');
    expect(testOf('console')).toContain(':3001/api/health');
    expect(testOf('proxy')).toContain(':8081/health');
  });

  it('puts the API instances behind the proxy and the console behind it too', () => {
    const caddy = readRepoFile('deploy/Caddyfile');
    expect(caddy).toMatch(/reverse_proxy api-1:4003 api-2:4003/);
    expect(caddy).toMatch(/reverse_proxy console:3001/);
    expect(caddy).toMatch(/health_uri \/health\/ready/);
    expect(compose.services.console?.environment?.API_URL).toBe('http://proxy:8081');
    const scrape = parseYaml(readRepoFile('deploy/prometheus/prometheus.yml')) as {
      scrape_configs: { static_configs: { targets: string[] }[] }[];
    };
    const targets = scrape.scrape_configs.flatMap((job) => job.static_configs.flatMap((c) => c.targets));
    expect(targets.sort()).toEqual(apiServices.map(([name]) => `${name}:4003`).sort());
  });
});

describe('Dockerfiles', () => {
  const cases = [
    { file: 'apps/api/Dockerfile', health: '/health', port: '4003' },
    { file: 'apps/admin/Dockerfile', health: '/api/health', port: '3001' },
  ];
  for (const { file, health, port } of cases) {
    it(`${file}: multi-stage, production dependencies only, non-root, health-checked`, () => {
      const instructions = parseDockerfile(readRepoFile(file));
      const froms = instructions.filter((i) => i.keyword === 'FROM');
      expect(froms.length).toBeGreaterThanOrEqual(2);
      const last = Math.max(...froms.map((i) => i.stage));
      const final = instructions.filter((i) => i.stage === last);
      const user = final.filter((i) => i.keyword === 'USER').at(-1)?.args;
      expect(user).toBeDefined();
      expect(['root', '0', '0:0']).not.toContain(user);
      const healthcheck = final.find((i) => i.keyword === 'HEALTHCHECK')?.args ?? '';
      expect(healthcheck).toContain(`/${health.slice(1)}'`);
      expect(healthcheck).toContain(port);
      expect(final.some((i) => i.keyword === 'CMD')).toBe(true);
      // The runtime stage installs nothing: it copies the pruned production install from the build stage.
      expect(final.some((i) => i.keyword === 'RUN' && /pnpm (install|add)/.test(i.args))).toBe(false);
      expect(instructions.some((i) => i.keyword === 'RUN' && /pnpm install .*--prod/.test(i.args))).toBe(
        true,
      );
    });
  }

  it("the API image holds the docs where DOCS_DIR's default looks for them", () => {
    const instructions = parseDockerfile(readRepoFile('apps/api/Dockerfile'));
    const last = Math.max(...instructions.map((i) => i.stage));
    const copies = instructions.filter((i) => i.stage === last && i.keyword === 'COPY').map((i) => i.args);
    expect(copies).toContain('--from=build /repo/docs ./docs');
    expect(copies).toContain('--from=build /repo/README.md ./README.md');
    const workdirs = instructions.filter((i) => i.stage === last && i.keyword === 'WORKDIR');
    // The bundle runs from /repo/apps/api/dist: the default resolves three folders up, to /repo/docs.
    expect(workdirs.map((i) => i.args)).toEqual(['/repo', '/repo/apps/api']);
    expect(path.relative(path.join(REPO_ROOT, 'apps/api/src'), DEFAULT_DOCS_DIR)).toBe(
      path.join('..', '..', '..', 'docs'),
    );
    expect(existsSync(path.join(DEFAULT_DOCS_DIR, 'architecture.md'))).toBe(true);
    expect(existsSync(path.join(DEFAULT_DOCS_DIR, '..', 'README.md'))).toBe(true);
    expect(readRepoFile('.dockerignore').split('\n')).not.toContain('docs');
    expect(readRepoFile('.dockerignore').split('\n')).not.toContain('README.md');
  });

  it('.dockerignore keeps installed and built files out of the context', () => {
    const ignored = readRepoFile('.dockerignore').split('\n');
    for (const entry of ['**/node_modules', '**/dist', '**/.next', '.env']) expect(ignored).toContain(entry);
  });

  it("the console's health route exists", () => {
    expect(existsSync(path.join(REPO_ROOT, 'apps/admin/src/app/api/health/route.ts'))).toBe(true);
  });
});

describe('dashboard and alert rules read only metrics the API registers', () => {
  let t: TestServer;
  let exposed: Set<string>;
  beforeAll(async () => {
    t = await createTestServer();
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    exposed = exposedMetricNames(res.payload);
    const health = await t.app.inject({ url: '/health' });
    expect(health.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('the metric-name reader finds names and skips functions, labels and keywords', () => {
    expect(
      metricNamesIn(
        'sum by (le, route) (rate(http_request_duration_seconds_bucket{route!="/x"}[$__rate_interval])) / on (job) up > 0.5 and bool nope_total offset 5m',
      ).sort(),
    ).toEqual(['http_request_duration_seconds_bucket', 'nope_total', 'up']);
  });

  it('every metric in the alert rules is on /metrics', () => {
    const used = new Set(ruleExprs.flatMap(metricNamesIn));
    expect(used.size).toBeGreaterThanOrEqual(8);
    expect([...used].filter((name) => !exposed.has(name))).toEqual([]);
  });

  it('every metric on the dashboard is on /metrics', () => {
    const used = new Set(panelExprs.flatMap(metricNamesIn));
    expect(used.size).toBeGreaterThanOrEqual(10);
    expect([...used].filter((name) => !exposed.has(name))).toEqual([]);
    // A name the server does not register is caught.
    expect(exposed.has('bytelyst_not_a_metric_total')).toBe(false);
  });

  it('the dashboard covers the bus, jobs, deliveries, webhooks, rate limits and API latency', () => {
    const rows = dashboard.panels.filter((panel) => panel.type === 'row').map((panel) => panel.title);
    expect(rows).toEqual([
      'Event bus',
      'Jobs',
      'Deliveries (email and push)',
      'Webhooks',
      'Rate limits',
      'API',
    ]);
    const used = new Set(panelExprs.flatMap(metricNamesIn));
    for (const name of [
      'bytelyst_events_backlog',
      'bytelyst_event_delivery_attempts_total',
      'bytelyst_job_runs_total',
      'bytelyst_job_runner_leader',
      'bytelyst_deliveries_total',
      'bytelyst_webhook_attempts_total',
      'bytelyst_webhook_endpoints_disabled_total',
      'bytelyst_ratelimit_rejections_total',
      'http_request_duration_seconds_bucket',
    ]) {
      expect(used).toContain(name);
    }
    expect(panelExprs.filter((expr) => expr.startsWith('histogram_quantile(0.99'))).toHaveLength(1);
  });

  it('the alert rules name the cases the operators asked for, each with a severity and a summary', () => {
    const rules = alerts.groups.flatMap((group) => group.rules);
    expect(rules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining([
        'DeadLettersRising',
        'JobFailing',
        'WebhookEndpointDisabled',
        'DeliveryFailureRate',
        'ApiErrorRate',
      ]),
    );
    for (const rule of rules) {
      expect(rule.labels?.severity, rule.alert).toMatch(/^(critical|warning|info)$/);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
    }
  });
});

// promtool ships in Debian's `prometheus` package; where it is installed, it checks the rules' PromQL too.
const promtool = (() => {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!promtool)('promtool', () => {
  it('check rules accepts deploy/prometheus/alerts.yml', () => {
    const out = execFileSync(
      'promtool',
      ['check', 'rules', path.join(REPO_ROOT, 'deploy/prometheus/alerts.yml')],
      {
        encoding: 'utf8',
      },
    );
    expect(out).toMatch(/SUCCESS: \d+ rules found/);
  });
});
