import { defineConfig, devices } from '@playwright/test';

// Ports of their own so a running `npm start` (4003 / 3001) never collides with the e2e run; E2E_API_PORT and
// E2E_CONSOLE_PORT move them, so that two checkouts can run their suites side by side.
const API_PORT = Number(process.env.E2E_API_PORT ?? 4013);
const CONSOLE_PORT = Number(process.env.E2E_CONSOLE_PORT ?? 3011);
/** The API's origin in the e2e run. */
export const E2E_API_ORIGIN = `http://127.0.0.1:${API_PORT}`;
/** Signs the Stripe events dunning.spec.ts posts to the API's webhook (a test value, never a real Stripe secret). */
export const E2E_STRIPE_WEBHOOK_SECRET = 'whsec_e2e_loopback_only';
export const E2E_ADMIN = { email: 'e2e-admin@bytelyst.test', password: 'e2e-admin-password-123' };

export default defineConfig({
  testDir: 'apps/admin/e2e',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${CONSOLE_PORT}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: [
    {
      // A fresh data folder per run: the bootstrap admin below is created on first start.
      command: 'rm -rf data/e2e && node apps/api/dist/e2e-server.js',
      url: `http://127.0.0.1:${API_PORT}/health/ready`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(API_PORT),
        HOST: '127.0.0.1',
        DATA_DIR: 'data/e2e',
        PUBLIC_BASE_URL: `http://127.0.0.1:${API_PORT}`,
        CORS_ORIGINS: `http://127.0.0.1:${CONSOLE_PORT}`,
        // The console's address: the reset and verification mails link to its pages.
        CONSOLE_URL: `http://127.0.0.1:${CONSOLE_PORT}`,
        BOOTSTRAP_ADMIN_EMAIL: E2E_ADMIN.email,
        BOOTSTRAP_ADMIN_PASSWORD: E2E_ADMIN.password,
        LOG_LEVEL: 'warn',
        // sso.spec.ts starts an OpenID provider on a loopback port (http).
        SSO_ISSUER_NETWORK: 'loopback',
        SSO_ALLOW_HTTP_ISSUERS: 'true',
        // webhooks.spec.ts points an endpoint at a receiver it starts on a loopback port.
        WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8',
        // migrations.spec.ts approves the e2e server's irreversible fixture migration.
        MIGRATIONS_BACKUPS_EXTERNAL: 'true',
        // dunning.spec.ts posts signed Stripe events to /v1/stripe/webhook (no Stripe API key: nothing calls out).
        STRIPE_WEBHOOK_SECRET: E2E_STRIPE_WEBHOOK_SECRET,
      },
    },
    {
      command: `node node_modules/next/dist/bin/next start -p ${CONSOLE_PORT} -H 127.0.0.1`,
      cwd: 'apps/admin',
      url: `http://127.0.0.1:${CONSOLE_PORT}/sign-in`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { API_URL: `http://127.0.0.1:${API_PORT}`, NEXT_TELEMETRY_DISABLED: '1' },
    },
  ],
});
