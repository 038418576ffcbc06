import type { PushDriver, PushLogger } from './push';
import { tokenTail } from './push';

/** Development driver: writes each push to the log instead of sending it. Never logs the full device token. */
export const createLogPushDriver = (logger: PushLogger): PushDriver => ({
  name: 'log',
  send: async (message) => {
    logger.info(
      {
        deliveryId: message.deliveryId,
        platform: message.platform,
        token: tokenTail(message.token),
        topic: message.topic,
        title: message.title,
        body: message.body,
        data: message.data,
        collapseKey: message.collapseKey,
        badge: message.badge,
        sound: message.sound,
        ttlSeconds: message.ttlSeconds,
      },
      'push (log driver, not sent)',
    );
    return { provider: 'log', providerMessageId: `log-${message.deliveryId}` };
  },
});
