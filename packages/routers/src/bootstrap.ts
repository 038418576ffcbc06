import { isStoreError } from '@bytelyst/db/document-store';
import { AppError } from './app-error';
import { randomPassword } from './lib/crypto';
import type { Services } from './services';

export const DEFAULT_ADMIN_EMAIL = 'admin@bytelyst.local';

const titleOf = (id: string) =>
  id.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => `${dash ? ' ' : ''}${c.toUpperCase()}`);

const ignoreConflict = (error: unknown) => {
  if (isStoreError(error, 'conflict') || (error instanceof AppError && error.code === 'CONFLICT')) return;
  throw error;
};

/**
 * Idempotent first-start setup over an initialised store: creates the default product (active) when missing, and a
 * super_admin when no user has that role. `createdAdmin` is returned only when the password was generated
 * here (random, 24 chars), so the caller can print it once; env-given credentials are never echoed back.
 */
export const bootstrapPlatform = async (
  services: Services,
  opts: { adminEmail?: string; adminPassword?: string },
): Promise<{ createdAdmin?: { email: string; password: string } }> => {
  const productId = services.config.defaultProductId;
  if (!(await services.products.find(productId))) {
    await services.products
      .create({ id: productId, name: titleOf(productId), description: '', status: 'active' }, 'system')
      .catch(ignoreConflict);
  }
  if ((await services.users.countWithRole('super_admin')) > 0) return {};
  const email = (opts.adminEmail ?? DEFAULT_ADMIN_EMAIL).trim().toLowerCase();
  const generated = opts.adminPassword ? undefined : randomPassword(24);
  const password = opts.adminPassword ?? generated ?? randomPassword(24);
  try {
    await services.users.create(productId, {
      email,
      name: 'Platform admin',
      password,
      roles: ['super_admin'],
      // The operator chose this address; a product that requires verified emails must not lock them out.
      emailVerified: true,
      // Held to 12+ characters by env.ts; the password policy is for passwords people choose in the product.
      passwordPolicy: false,
    });
  } catch (error) {
    ignoreConflict(error);
    return {};
  }
  return generated ? { createdAdmin: { email, password: generated } } : {};
};
