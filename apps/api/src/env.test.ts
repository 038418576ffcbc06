import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENV_KEYS, EnvError, parseEnv } from './env';

const SECRET = 'x'.repeat(40);

describe('parseEnv', () => {
  it('gives every default from an empty environment', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: 4003,
      PUBLIC_BASE_URL: 'http://127.0.0.1:4003',
      CORS_ORIGINS: ['http://127.0.0.1:3001', 'http://localhost:3001'],
      DATA_DIR: './data',
      DOCS_DIR: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs'),
      DB_DRIVER: 'sqlite',
      SQLITE_PATH: path.join('./data', 'platform.db'),
      COSMOS_DATABASE: 'bytelyst',
      COSMOS_ALLOW_SELF_SIGNED: false,
      BLOB_DRIVER: 'fs',
      BLOB_FS_ROOT: path.join('./data', 'blobs'),
      ACCESS_TOKEN_TTL_SECONDS: 900,
      DEFAULT_PRODUCT_ID: 'bytelyst',
      JOB_RUNNER_ENABLED: true,
      JOB_TICK_INTERVAL_MS: 60000,
      SESSION_TTL_DAYS: 90,
      SESSION_CACHE_TTL_MS: 30000,
      SWAGGER_UI_ENABLED: true,
    });
    expect(env.JWT_SECRET).toBeUndefined();
  });

  it('parses numbers, booleans and lists, and treats empty values as unset', () => {
    const env = parseEnv({
      PORT: '0',
      JOB_RUNNER_ENABLED: 'false',
      COSMOS_ALLOW_SELF_SIGNED: 'true',
      CORS_ORIGINS: ' https://a.example , https://b.example ',
      DATA_DIR: '/tmp/x',
      SQLITE_PATH: '',
    });
    expect(env.PORT).toBe(0);
    expect(env.JOB_RUNNER_ENABLED).toBe(false);
    expect(env.COSMOS_ALLOW_SELF_SIGNED).toBe(true);
    expect(env.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(env.SQLITE_PATH).toBe(path.join('/tmp/x', 'platform.db'));
  });

  it('parses the maintenance starting value, refusing a bad mode or CIDR', () => {
    expect(parseEnv({})).toMatchObject({ MAINTENANCE_MODE: 'off', MAINTENANCE_BYPASS_IPS: '' });
    expect(
      parseEnv({ MAINTENANCE_MODE: 'read_only', MAINTENANCE_BYPASS_IPS: '10.0.0.1, 2001:db8::/32' }),
    ).toMatchObject({ MAINTENANCE_MODE: 'read_only', MAINTENANCE_BYPASS_IPS: '10.0.0.1, 2001:db8::/32' });
    expect(() => parseEnv({ MAINTENANCE_MODE: 'down' })).toThrow(/MAINTENANCE_MODE/);
    expect(() => parseEnv({ MAINTENANCE_BYPASS_IPS: '10.0.0.1,nope' })).toThrow(
      /MAINTENANCE_BYPASS_IPS: 'nope' is not an IPv4 or IPv6 CIDR/,
    );
  });

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => parseEnv({ DB_DRIVER: 'postgres' })).toThrow(/DB_DRIVER/);
    expect(() => parseEnv({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });

  it('fails fast on cross-field rules, naming the missing variable', () => {
    expect(() => parseEnv({ DB_DRIVER: 'cosmos' })).toThrow(EnvError);
    expect(() => parseEnv({ DB_DRIVER: 'cosmos' })).toThrow(/COSMOS_ENDPOINT/);
    expect(() => parseEnv({ DB_DRIVER: 'cosmos', COSMOS_ENDPOINT: 'https://c.example:8081' })).toThrow(
      /COSMOS_KEY/,
    );
    expect(() => parseEnv({ BLOB_DRIVER: 'azure' })).toThrow(/AZURE_STORAGE_CONNECTION_STRING/);
  });

  it('requires secrets in production and turns the docs UI off there by default', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    expect(() => parseEnv({ NODE_ENV: 'production', JWT_SECRET: SECRET })).toThrow(
      /ENCRYPTION_KEY is required/,
    );
    expect(() => parseEnv({ NODE_ENV: 'production', JWT_SECRET: SECRET, ENCRYPTION_KEY: SECRET })).toThrow(
      /BLOB_SIGNING_SECRET/,
    );
    const env = parseEnv({
      NODE_ENV: 'production',
      JWT_SECRET: SECRET,
      ENCRYPTION_KEY: SECRET,
      BLOB_SIGNING_SECRET: SECRET,
    });
    expect(env.SWAGGER_UI_ENABLED).toBe(false);
    expect(() => parseEnv({ ENCRYPTION_KEY: 'short' })).toThrow(/ENCRYPTION_KEY must be at least 32/);
    expect(parseEnv({ CONSOLE_URL: 'https://console.example/' })).toMatchObject({
      PASSWORD_RESET_URL_BASE: 'https://console.example/reset-password',
      EMAIL_VERIFY_URL_BASE: 'https://console.example/verify-email',
      SESSION_REPORT_URL_BASE: 'https://console.example/session-report',
    });
    expect(
      parseEnv({
        NODE_ENV: 'production',
        JWT_SECRET: SECRET,
        ENCRYPTION_KEY: SECRET,
        BLOB_DRIVER: 'azure',
        AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      }).BLOB_DRIVER,
    ).toBe('azure');
  });
});

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('.env.example', () => {
  const lines = readFileSync(path.join(repo, '.env.example'), 'utf8').split('\n');
  const entries = lines.filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line));
  it('lists exactly the variables env.ts reads, each with a comment above it', () => {
    const keys = entries.map((line) => line.split('=')[0]);
    expect([...keys].sort()).toEqual([...ENV_KEYS].sort());
    for (const entry of entries) {
      const previous = lines[lines.indexOf(entry) - 1] ?? '';
      expect(previous.startsWith('#'), `comment above ${entry}`).toBe(true);
    }
  });

  it('has no commented-out settings: whatever it lists is parsed', () => {
    // A component's settings enter env.ts, this file and the README together (maintenance mode was the last
    // to be listed ahead of its component); a `# KEY=value` line would document something nothing reads.
    expect(lines.filter((line) => /^# ?[A-Z][A-Z0-9_]*=/.test(line))).toEqual([]);
  });

  it('parses to the defaults as written', () => {
    const source = Object.fromEntries(
      entries.map((line) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)]),
    );
    expect(parseEnv(source)).toEqual(parseEnv({}));
  });
});

describe('README configuration', () => {
  const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('### Running on Azure'));
  const CONSOLE_KEYS = ['API_URL', 'API_PUBLIC_URL'];

  it('names only variables that env.ts (or the console) parses', () => {
    const named = [
      ...new Set([...section.matchAll(/`([A-Z][A-Z0-9_]{2,})`/g)].map((match) => match[1] ?? '')),
    ];
    expect(named).toContain('DB_DRIVER');
    expect(named.filter((key) => !ENV_KEYS.includes(key) && !CONSOLE_KEYS.includes(key))).toEqual([]);
  });

  it('gives the defaults env.ts gives, for the variables in its table', () => {
    const defaults = parseEnv({});
    const rows = section.split('\n').filter((line) => /^\| `[A-Z]/.test(line));
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      const [, variables = '', fallback = ''] = row.split('|').map((cell) => cell.trim());
      const keys = [...variables.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1] ?? '');
      const values = fallback.split(/\s*,\s*/);
      keys.forEach((key, i) => {
        const literal = /^`([^`]*)`$/.exec(values[i] ?? '')?.[1];
        // Only literal defaults are compared; prose ("generated", "random", "Stripe's") is for people.
        if (literal === undefined) return;
        const parsed = (defaults as Record<string, unknown>)[key];
        expect(String(parsed), `${key} in the README table`).toBe(literal);
      });
    }
  });
});
