import type { TemplateName } from '@bytelyst/emails/templates';
import { randomId } from '../../lib/crypto';
import type { Entitlement } from '../billing/entitlements';
import { compareVersions, parseVersion } from '../flags/semver';
import type { DevicesService } from '../notifications/devices-service';
import type { TSegment } from './schema';
import type { DeliveryAcceptance } from './service';

/** Whether an app version lies in the segment's inclusive range (an unreadable version lies in no range). */
const inRange = (appVersion: string, segment: TSegment): boolean => {
  if (!segment.minAppVersion && !segment.maxAppVersion) return true;
  const version = parseVersion(appVersion);
  if (!version) return false;
  const min = segment.minAppVersion ? parseVersion(segment.minAppVersion) : null;
  const max = segment.maxAppVersion ? parseVersion(segment.maxAppVersion) : null;
  return (!min || compareVersions(version, min) >= 0) && (!max || compareVersions(version, max) <= 0);
};

/** Feature announcements: a push to every device of a segment (platforms, plans, app version range). */
export const createAnnouncements = (deps: {
  devices: Pick<DevicesService, 'list'>;
  entitlements: { forUser(productId: string, userId: string): Promise<Entitlement> };
  send: DeliveryAcceptance['send'];
}) => {
  /** The users a feature announcement reaches, with their matching devices. */
  const segmentTargets = async (productId: string, segment: TSegment) => {
    const byUser = new Map<string, string[]>();
    const planOf = new Map<string, string | null>();
    let cursor: string | undefined;
    do {
      const page = await deps.devices.list(productId, { limit: 200, ...(cursor ? { cursor } : {}) });
      for (const device of page.items) {
        if (!device.hasPushToken) continue;
        if (segment.platforms?.length && !segment.platforms.includes(device.platform)) continue;
        if (!inRange(device.appVersion, segment)) continue;
        if (segment.plans?.length) {
          if (!planOf.has(device.userId)) {
            const entitlement = await deps.entitlements.forUser(productId, device.userId);
            planOf.set(device.userId, entitlement.plan?.code ?? null);
          }
          const plan = planOf.get(device.userId);
          if (!plan || !segment.plans.includes(plan)) continue;
        }
        byUser.set(device.userId, [...(byUser.get(device.userId) ?? []), device.deviceId]);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return byUser;
  };

  return {
    async previewSegment(productId: string, segment: TSegment) {
      const targets = await segmentTargets(productId, segment);
      let devices = 0;
      for (const ids of targets.values()) devices += ids.length;
      return { users: targets.size, devices };
    },
    /**
     * One push per matching device, each through the user's preferences, cap and quiet hours; with `email`,
     * each user of the segment also gets that template (props without the user's address, which delivery
     * fills in). `key` names the announcement for idempotency (an event's id), so a retried call sends nothing twice.
     */
    async sendAnnouncement(
      productId: string,
      input: {
        segment: TSegment;
        title: string;
        body: string;
        email?: { template: TemplateName; props: Record<string, unknown> };
        key?: string;
      },
      actorId: string | null,
    ) {
      const targets = await segmentTargets(productId, input.segment);
      const announcementId = input.key ?? randomId(9);
      let devices = 0;
      let queued = 0;
      for (const [userId, deviceIds] of targets) {
        devices += deviceIds.length;
        const result = await deps.send(
          productId,
          {
            userId,
            category: 'product_updates',
            push: { type: 'feature_announcement', title: input.title, body: input.body },
            idempotencyKey: `announcement:${announcementId}:${userId}`,
          },
          { actorId, onlyDevices: deviceIds },
        );
        queued += result.deliveries.filter((d) => d.status === 'queued').length;
        if (!input.email) continue;
        const mail = await deps.send(
          productId,
          {
            userId,
            category: 'product_updates',
            template: input.email.template,
            props: input.email.props,
            idempotencyKey: `announcement:${announcementId}:${userId}:email`,
          },
          { actorId },
        );
        queued += mail.deliveries.filter((d) => d.status === 'queued').length;
      }
      return { users: targets.size, devices, queued };
    },
  };
};
