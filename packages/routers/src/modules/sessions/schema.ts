import { z } from 'zod';
import { ZQueryBoolean } from '../../lib/query-boolean';
import { ZDeviceId } from '../licenses/schema';

/** A session as stored, without its secrets; the fields of the client were added later, so older ones lack them. */
export const ZSession = z.object({
  id: z.string(),
  productId: z.string(),
  userId: z.string(),
  platform: z.string(),
  /** The client's own id for the device, when it sent one at sign-in (the same id a license activation uses). */
  deviceId: z.string().optional(),
  ipAddress: z.string(),
  userAgent: z.string(),
  /** Parsed from the user agent once, at sign-in and at each refresh. */
  browser: z.string().optional(),
  browserVersion: z.string().optional(),
  os: z.string().optional(),
  osVersion: z.string().optional(),
  lastActiveAt: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
  expiresAt: z.string(),
  /** A shadow session: the admin viewing as this user (read-only, 15 minutes). */
  impersonatedBy: z.string().optional(),
});
export type TSession = z.infer<typeof ZSession>;

export const ZPlatform = z.enum(['ios', 'android', 'desktop', 'web', 'server', 'other']);

/** Sent by a client at sign-in so the session names its device (and links to that device's license activation). */
export const ZSessionDeviceId = ZDeviceId;

export const SESSION_STATUSES = ['active', 'revoked', 'expired'] as const;

/** A session as its user or an admin sees it. */
export const ZSessionView = z.object({
  id: z.string(),
  productId: z.string(),
  userId: z.string(),
  platform: z.string(),
  deviceId: z.string().nullable(),
  /** The license activation of the same device id, when the user has one. */
  licenseDevice: z.object({ licenseId: z.string(), deviceName: z.string().nullable() }).nullable(),
  ipAddress: z.string(),
  userAgent: z.string(),
  browser: z.string().nullable(),
  browserVersion: z.string().nullable(),
  os: z.string().nullable(),
  osVersion: z.string().nullable(),
  createdAt: z.string(),
  /** Refreshed from the request path at most once a minute. */
  lastActiveAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(SESSION_STATUSES),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  /** The session this request was made with. */
  current: z.boolean(),
  /** A shadow session: the admin viewing as this user (read-only, 15 minutes); null for the user's own. */
  impersonatedBy: z.string().nullable(),
});
export type TSessionView = z.infer<typeof ZSessionView>;

export const ZSessionList = z.object({ items: z.array(ZSessionView) });

export const ZSessionIdInput = z.object({ id: z.string().min(1).max(64) });

export const ZRevokeAllMineInput = z.object({
  /** Keep the session making this request (sign out everywhere else). Default false: this one ends too. */
  keepCurrent: ZQueryBoolean.optional(),
});

export const ZUserSessionsInput = z.object({ userId: z.string().min(1).max(64) });
export const ZUserSessionInput = ZUserSessionsInput.extend({ sessionId: z.string().min(1).max(64) });

export const ZRevokeOutput = z.object({ revoked: z.number().int() });

export const ZReportInput = z.object({ token: z.string().min(1).max(300) });
export const ZReportOutput = z.object({
  /** False when the session had already ended (the link is used up all the same). */
  revoked: z.boolean(),
});

/** "Chrome on macOS", "iOS app on iOS 17", "Web": how a person recognises a session's device. */
export const describeClient = (s: {
  platform: string;
  browser?: string | null;
  os?: string | null;
  osVersion?: string | null;
}): string => {
  const os = s.os ? [s.os, s.osVersion].filter(Boolean).join(' ') : null;
  if (s.browser && os) return `${s.browser} on ${os}`;
  if (s.browser) return s.browser;
  const platform = PLATFORM_LABELS[s.platform] ?? s.platform;
  return os ? `${platform} on ${os}` : platform;
};

const PLATFORM_LABELS: Record<string, string> = {
  ios: 'iOS app',
  android: 'Android app',
  desktop: 'Desktop app',
  web: 'Web',
  server: 'Server',
  other: 'Other client',
};
