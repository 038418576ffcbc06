import { bootstrapPlatform } from '@bytelyst/routers/bootstrap';
import { type Env, EnvError, loadEnv } from './env';
import { createPlatform, type Platform } from './platform';
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

/**
 * Starts the API as `npm start` runs it: platform from env, bootstrap, listen, workers. `configure` is the
 * e2e server's hook for its fixture subscribers and `beforeListen` for the data its journeys start from
 * (testing/e2e-server.ts): written after bootstrap and before the first request, so a journey never sees them
 * half made. The product entry passes nothing.
 */
export const runApi = async (
  opts: Pick<
    Parameters<typeof createPlatform>[1] & object,
    'configure' | 'outboundConnect' | 'extraMigrations' | 'apiVersions'
  > & { beforeListen?: (services: Platform['services']) => Promise<void> } = {},
): Promise<void> => {
  const env = readEnv();
  // A driver's key is checked once the store is open (it may be a stored secret): the same plain message.
  const platform = await createPlatform(env, opts).catch((error: unknown) =>
    error instanceof EnvError ? fail(error.message) : Promise.reject(error),
  );
  const { app, store, blob, services, secrets } = platform;
  installShutdown({ app, store, blob, workers: platform });

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

  await opts.beforeListen?.(services);
  await app.listen({ host: env.HOST, port: env.PORT });
  platform.startWorkers();
  app.log.info(
    {
      instanceId: services.bus.instanceId,
      eventDispatcher: env.EVENT_DISPATCHER_ENABLED,
      jobRunner: env.JOB_RUNNER_ENABLED,
      jobs: services.jobRegistry.list().length,
      subscribers: services.bus.subscribers().length,
    },
    'workers started',
  );
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
