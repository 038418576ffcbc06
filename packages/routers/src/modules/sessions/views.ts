import type { LicensesService } from '../licenses/service';
import type { SessionDoc } from './repository';
import type { TSessionView } from './schema';
import type { SessionsService } from './service';

type LicenseDeviceLink = NonNullable<TSessionView['licenseDevice']>;

/**
 * The user's license activations by device id (an active license wins over a revoked or expired one).
 * Looked up when sessions are listed, not stored on them, so a device activated after sign-in shows its link.
 */
const licenseDevicesOf = async (
  licenses: Pick<LicensesService, 'mine'>,
  productId: string,
  userId: string,
): Promise<Map<string, LicenseDeviceLink>> => {
  const { items } = await licenses.mine(productId, userId);
  const links = new Map<string, LicenseDeviceLink>();
  const activeLast = [...items].sort((a, b) => Number(a.status === 'active') - Number(b.status === 'active'));
  for (const license of activeLast) {
    for (const device of license.devices) {
      links.set(device.deviceId, { licenseId: license.id, deviceName: device.deviceName });
    }
  }
  return links;
};

const statusOf = (session: SessionDoc, live: boolean): TSessionView['status'] =>
  live ? 'active' : session.revokedAt ? 'revoked' : 'expired';

/**
 * A user's sessions in one product as the API shows them: the live ones (the current first, then by last
 * activity), and with `includeEnded` the revoked and expired ones still stored after them.
 */
export const listSessions = async (
  services: { sessions: SessionsService; licenses: Pick<LicensesService, 'mine'> },
  q: { productId: string; userId: string; currentSessionId: string | undefined; includeEnded: boolean },
): Promise<{ items: TSessionView[] }> => {
  const all = (await services.sessions.listOfUser(q.userId)).filter((s) => s.productId === q.productId);
  const shown = q.includeEnded ? all : all.filter(services.sessions.isLive);
  const links = shown.some((s) => s.deviceId)
    ? await licenseDevicesOf(services.licenses, q.productId, q.userId)
    : new Map<string, LicenseDeviceLink>();
  const items = shown.map((s): TSessionView => {
    const live = services.sessions.isLive(s);
    return {
      id: s.id,
      productId: s.productId,
      userId: s.userId,
      platform: s.platform,
      deviceId: s.deviceId ?? null,
      licenseDevice: (s.deviceId && links.get(s.deviceId)) || null,
      ipAddress: s.ipAddress,
      userAgent: s.userAgent,
      browser: s.browser ?? null,
      browserVersion: s.browserVersion ?? null,
      os: s.os ?? null,
      osVersion: s.osVersion ?? null,
      createdAt: s.createdAt,
      lastActiveAt: s.lastActiveAt,
      expiresAt: s.expiresAt,
      status: statusOf(s, live),
      revokedAt: s.revokedAt ?? null,
      revokeReason: s.revokeReason ?? null,
      current: s.id === q.currentSessionId,
      impersonatedBy: s.impersonatedBy ?? null,
    };
  });
  const rank = (v: TSessionView) => (v.current ? 0 : v.status === 'active' ? 1 : 2);
  const recency = (v: TSessionView) => `${v.lastActiveAt}|${v.createdAt}|${v.id}`;
  items.sort((a, b) => rank(a) - rank(b) || recency(b).localeCompare(recency(a)));
  return { items };
};
