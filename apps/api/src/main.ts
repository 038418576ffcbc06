import { systemClock } from '@bytelyst/db/document-store';
import { bootstrapPlatform } from '@bytelyst/routers/services';
import { createDrivers } from './drivers';
import { type Env, EnvError, loadEnv } from './env';
import { resolveSecrets } from './secrets';
import { buildServer, servicesFromEnv } from './server';
import { installShutdown } from './shutdown';

const fail = (message: string): never => {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
};

const readEnv = (): Env => {
  try {
    return loadEnv();
  } catch (error) {
    if (error instanceof EnvError) return fail(error.message);
    throw error;
  }
};

/** Printed once, to stdout, when the platform generated the first admin: the only place the password appears. */
const adminBlock = (signInUrl: string, email: string, password: string): string => {
  const lines = [
    'Bootstrap super admin created (this password is shown only now):',
    `  sign in:  ${signInUrl}`,
    `  email:    ${email}`,
    `  password: ${password}`,
  ];
  const width = Math.max(...lines.map((line) => line.length)) + 2;
  const rule = `+${'-'.repeat(width)}+`;
  return `\n${rule}\n${lines.map((line) => `| ${line.padEnd(width - 1)}|`).join('\n')}\n${rule}\n\n`;
};

const main = async (): Promise<void> => {
  const env = readEnv();
  const secrets = resolveSecrets(env);
  const clock = systemClock;
  const { store, blob } = await createDrivers(env, { clock, blobSigningSecret: secrets.blobSigningSecret });
  const deps = { env, store, blob, clock };
  const services = servicesFromEnv(deps, secrets.jwtSecret);
  const app = buildServer({ ...deps, services, secrets });
  installShutdown({ app, store, blob });

  if (secrets.jwtSecretFile) {
    const { path, generated } = secrets.jwtSecretFile;
    app.log.warn(
      { path },
      generated
        ? 'JWT_SECRET is not set: generated one and saved it to this file, so restarts keep sessions (set JWT_SECRET in production)'
        : 'JWT_SECRET is not set: using the one saved in this file (set JWT_SECRET in production)',
    );
  }
  app.log.info({ db: store.driver, blob: blob.driver }, 'drivers ready');

  const { createdAdmin } = await bootstrapPlatform(services, {
    ...(env.BOOTSTRAP_ADMIN_EMAIL ? { adminEmail: env.BOOTSTRAP_ADMIN_EMAIL } : {}),
    ...(env.BOOTSTRAP_ADMIN_PASSWORD ? { adminPassword: env.BOOTSTRAP_ADMIN_PASSWORD } : {}),
  });
  const signInUrl = `${env.CONSOLE_URL.replace(/\/$/, '')}/sign-in`;
  if (createdAdmin?.password) {
    process.stdout.write(adminBlock(signInUrl, createdAdmin.email, createdAdmin.password));
  } else if (createdAdmin) {
    app.log.info({ email: createdAdmin.email }, 'bootstrap super admin created from BOOTSTRAP_ADMIN_EMAIL');
  }

  await app.listen({ host: env.HOST, port: env.PORT });
  const base = env.PUBLIC_BASE_URL.replace(/\/$/, '');
  app.log.info(
    {
      api: `${base}/trpc`,
      rest: `${base}/v1`,
      docs: env.SWAGGER_UI_ENABLED ? `${base}/documentation` : 'disabled (SWAGGER_UI_ENABLED=false)',
      openapi: `${base}/documentation/json`,
      console: env.CONSOLE_URL,
    },
    `ByteLyst API listening on ${base}; docs at ${base}/documentation; console at ${env.CONSOLE_URL}`,
  );
};

main().catch((error: unknown) => {
  process.stderr.write(
    `API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
