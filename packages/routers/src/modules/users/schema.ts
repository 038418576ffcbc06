import { z } from 'zod';

export const ROLES = ['user', 'admin', 'super_admin'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const ZUserStatus = z.enum(['active', 'disabled']);
export type TUserStatus = z.infer<typeof ZUserStatus>;

/** Trimmed and lowercased before the format check, so `' A@B.com '` is `a@b.com`. */
export const ZEmail = z.string().trim().toLowerCase().email().max(254);
/**
 * NIST 800-63B's length bounds (at least 8; at least 64 must be accepted) and nothing else: no composition
 * rules. The rest of the policy (not the email, not a common password) is lib/password-policy.ts, on the server.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const ZPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`);
export const ZName = z.string().trim().min(1).max(100);
export const ZRoles = z
  .array(ZRole)
  .min(1)
  .max(3)
  .transform((roles) => [...new Set(roles)]);

export const ZIdInput = z.object({ id: z.string().min(1).max(128) });

const ZAvatarFormats = z.object({ webp: z.string(), jpeg: z.string() });
const ZAvatarSize = z.object({ '1x': ZAvatarFormats, '2x': ZAvatarFormats });
/**
 * A user's avatar as immutable, content-addressed URLs: per layout size (64, 128, 256 px) the 1x and 2x files,
 * each as WebP and JPEG (`<img srcset>` / `<picture>` ready). Null when the user has none.
 */
export const ZAvatar = z.object({
  updatedAt: z.string(),
  sizes: z.object({ '64': ZAvatarSize, '128': ZAvatarSize, '256': ZAvatarSize }),
});
export type TAvatar = z.infer<typeof ZAvatar>;

/** A user as clients see it: never the password hash. */
export const ZUser = z.object({
  id: z.string(),
  productId: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(ZRole),
  status: ZUserStatus,
  /** Whether the user proved they read mail at `email` (a verification link, or an SSO provider's word). */
  emailVerified: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastLoginAt: z.string().nullable(),
  avatar: ZAvatar.nullable(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZUserDetail = ZUser.extend({ activeSessions: z.number().int() });
export type TUserDetail = z.infer<typeof ZUserDetail>;

export const ZUserListInput = z.object({
  search: z.string().trim().max(100).optional(),
  role: ZRole.optional(),
  status: ZUserStatus.optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
});
export type TUserListInput = z.infer<typeof ZUserListInput>;

export const ZUserListOutput = z.object({
  items: z.array(ZUser),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const ZUserCreateInput = z.object({ email: ZEmail, name: ZName, password: ZPassword, roles: ZRoles });
export type TUserCreateInput = z.infer<typeof ZUserCreateInput>;

export const ZSetRolesInput = z.object({ id: z.string().min(1).max(128), roles: ZRoles });
