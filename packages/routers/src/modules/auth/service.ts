import type { Clock } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import { signAccessToken } from '../../lib/jwt';
import { burnPasswordCheck, verifyPassword } from '../../lib/passwords';
import { SIGNUP_STATUSES } from '../products/lifecycle';
import type { ProductsService } from '../products/service';
import type { SessionMeta, SessionsService } from '../sessions/service';
import type { TUser } from '../users/schema';
import type { UsersService } from '../users/service';
import type { EmailVerification } from './email-verification';
import type { LoginThrottle } from './login-throttle';
import { EMAIL_NOT_VERIFIED } from './recovery-schema';
import type { TAuthResult, TLoginInput, TRegisterInput } from './schema';

export type RequestMeta = { ip: string; userAgent: string };

export const createAuthService = (deps: {
  users: UsersService;
  sessions: SessionsService;
  products: ProductsService;
  verification: Pick<EmailVerification, 'mailLink'>;
  clock: Clock;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  throttle: LoginThrottle;
}) => {
  const { users, sessions } = deps;
  const badCredentials = () => new AppError('UNAUTHORIZED', 'Invalid email or password');
  const lockedOut = (ms: number) => {
    const seconds = Math.ceil(ms / 1000);
    return new AppError(
      'TOO_MANY_REQUESTS',
      `Too many failed sign-ins to this account: try again in ${seconds} s`,
      { reason: 'login_locked', retryAfterSeconds: seconds },
    );
  };
  /** A product with `requireVerifiedEmail` lets no unverified user in; the reason tells the client to offer a resend. */
  const assertVerifiedIfRequired = (
    product: { requireVerifiedEmail: boolean } | undefined,
    verified: boolean,
  ) => {
    if (product?.requireVerifiedEmail && !verified) {
      throw new AppError('FORBIDDEN', 'Verify your email address to sign in: follow the link we sent you.', {
        reason: EMAIL_NOT_VERIFIED,
      });
    }
  };
  const sessionMeta = (meta: RequestMeta, platform?: string, deviceId?: string): SessionMeta => ({
    platform: platform ?? 'web',
    ip: meta.ip,
    userAgent: meta.userAgent,
    deviceId,
  });

  const issue = async (user: TUser, sessionId: string, refreshToken: string): Promise<TAuthResult> => {
    const accessToken = await signAccessToken(
      deps.jwtSecret,
      { sub: user.id, pid: user.productId, sid: sessionId, roles: user.roles },
      { nowMs: deps.clock(), ttlSeconds: deps.accessTokenTtlSeconds },
    );
    return { accessToken, refreshToken, expiresIn: deps.accessTokenTtlSeconds, user };
  };

  /** A new session for a user who proved who they are (password, SSO), and its tokens. */
  const openSession = async (
    user: TUser,
    meta: RequestMeta,
    platform?: string,
    deviceId?: string,
  ): Promise<TAuthResult> => {
    const { session, refreshToken } = await sessions.create(
      user.productId,
      user.id,
      sessionMeta(meta, platform, deviceId),
    );
    return issue(user, session.id, refreshToken);
  };

  return {
    openSession,
    async register(productId: string, input: TRegisterInput, meta: RequestMeta): Promise<TAuthResult> {
      const product = await deps.products.get(productId);
      if (!SIGNUP_STATUSES.includes(product.status)) {
        throw new AppError('FORBIDDEN', `Sign-ups are closed while ${product.id} is ${product.status}`);
      }
      const user = await users.create(productId, { ...input, roles: ['user'] });
      await deps.verification.mailLink(user);
      // The account exists and its link is mailed; where the product requires a verified address, the answer
      // is the refusal a sign-in would get, so a client has one path for both.
      assertVerifiedIfRequired(product, false);
      return openSession(user, meta, input.platform, input.deviceId);
    },
    /**
     * Errors never reveal whether the email exists; the password is checked before the account status. A
     * locked account (login-throttle.ts; unknown addresses lock the same way) is refused before any check.
     */
    async login(productId: string, input: TLoginInput, meta: RequestMeta): Promise<TAuthResult> {
      const { lockedMs, onRecord } = await deps.throttle.check(productId, input.email);
      if (lockedMs > 0) throw lockedOut(lockedMs);
      const failed = async () => {
        await deps.throttle.failed(productId, input.email);
        return badCredentials();
      };
      const doc = await users.findByEmail(productId, input.email);
      if (!doc) {
        await burnPasswordCheck(input.password);
        throw await failed();
      }
      if (!(await verifyPassword(doc.passwordHash, input.password))) throw await failed();
      if (doc.status !== 'active') throw new AppError('FORBIDDEN', 'This account is disabled');
      assertVerifiedIfRequired(await deps.products.find(productId), doc.emailVerified ?? false);
      if (onRecord) await deps.throttle.succeeded(productId, input.email);
      return openSession(await users.recordLogin(doc), meta, input.platform, input.deviceId);
    },
    async refresh(refreshToken: string, meta: RequestMeta): Promise<TAuthResult> {
      const rotated = await sessions.rotate(refreshToken, sessionMeta(meta));
      const { session } = rotated;
      const doc = await users.load(session.productId, session.userId).catch(() => undefined);
      if (doc?.status !== 'active') {
        await sessions.revoke(session.userId, session.id, 'user_disabled');
        throw new AppError('UNAUTHORIZED', 'Invalid or expired refresh token');
      }
      const product = await deps.products.find(session.productId);
      if (product?.status === 'disabled' && !doc.roles.includes('super_admin')) {
        throw new AppError('FORBIDDEN', `Product '${session.productId}' is disabled`);
      }
      assertVerifiedIfRequired(product, doc.emailVerified ?? false);
      return issue(users.present(doc), session.id, rotated.refreshToken);
    },
    logout: (userId: string, sessionId: string) => sessions.revoke(userId, sessionId, 'logout'),
    async me(productId: string, userId: string): Promise<TUser> {
      return users.present(await users.load(productId, userId));
    },
  };
};

export type AuthService = ReturnType<typeof createAuthService>;
