import { z } from 'zod';
import { def, id } from './def';

const channel = z.enum(['email', 'push']);

/** Delivery: transactional email and push, from request to the provider's last word. */
export const DELIVERY_EVENTS = {
  'delivery.requested': def({
    version: 1,
    public: false,
    description:
      'A message was accepted for delivery (recorded with its log entry); the dispatcher sends it, or holds it ' +
      'for quiet hours or the daily cap.',
    payload: z.object({ deliveryId: id, partition: id, channel }),
  }),
  'delivery.sent': def({
    version: 1,
    public: true,
    description: 'A provider accepted a message (SendGrid 202, SMTP 250, APNs/FCM 200).',
    payload: z.object({
      deliveryId: id,
      channel,
      userId: z.string().nullable(),
      template: z.string(),
      provider: z.string(),
      fellBack: z.boolean(),
    }),
    example: {
      deliveryId: 'dlv_Zr4nW8qK1sTb',
      channel: 'email',
      userId: 'usr_8fK2mQ7xLpT3',
      template: 'welcome',
      provider: 'sendgrid',
      fellBack: false,
    },
  }),
  'delivery.failed': def({
    version: 1,
    public: true,
    description: 'A message could not be sent: the provider refused it, or every retry failed.',
    payload: z.object({
      deliveryId: id,
      channel,
      userId: z.string().nullable(),
      template: z.string(),
      error: z.string(),
    }),
    example: {
      deliveryId: 'dlv_Hq2xV6mP9cLe',
      channel: 'push',
      userId: 'usr_8fK2mQ7xLpT3',
      template: 'trial-expiring',
      error: 'apns: 410 Unregistered',
    },
  }),
  'delivery.bounced': def({
    version: 1,
    public: true,
    description:
      'The provider reported a hard bounce, a drop or a spam report; the address is suppressed for ' +
      'non-transactional mail.',
    payload: z.object({
      deliveryId: id,
      userId: z.string().nullable(),
      email: z.string(),
      status: z.enum(['bounced', 'dropped', 'spam_report']),
      reason: z.string().nullable(),
    }),
    example: {
      deliveryId: 'dlv_Zr4nW8qK1sTb',
      userId: 'usr_8fK2mQ7xLpT3',
      email: 'ada@example.com',
      status: 'bounced',
      reason: '550 5.1.1 The email account that you tried to reach does not exist',
    },
  }),
} as const;
