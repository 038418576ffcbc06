import type { EmailDriver } from './channels/email';
import type { EmailDriverConfig } from './channels/email-drivers';
import type { PushDriver } from './channels/push';
import type { PushDriverConfig } from './channels/push-drivers';

/** Delivery settings, from env (see apps/api/src/env.ts) or a test. */
export type DeliveryConfig = {
  /** EMAIL_DRIVER, EMAIL_FALLBACK_DRIVER, SENDGRID_API_KEY, SENDGRID_API_BASE, SMTP_URL. Default: outbox. */
  email?: Omit<EmailDriverConfig, 'clock' | 'onFallback'>;
  /** PUSH_DRIVER, FCM_SERVICE_ACCOUNT_JSON, APNS_*. Default: log. */
  push?: Omit<PushDriverConfig, 'clock' | 'logger'>;
  /** Already-built drivers (tests); they win over `email` and `push`. */
  emailDriver?: EmailDriver;
  pushDriver?: PushDriver;
  /** EMAIL_FROM_ADDRESS: the sender of every mail, and the support address where a product names none. */
  fromAddress?: string;
  /** EMAIL_FROM_NAME: the sender's name where a product names none (else the product's name). */
  fromName?: string;
  /** PUBLIC_BASE_URL: the API's own origin; unsubscribe links point at it (only when it is https). */
  publicBaseUrl?: string;
  /** PUBLIC_APP_URL: the products' web app where a product names none (sign-in and upgrade links). */
  appUrl?: string;
  /** DELIVERY_QUIET_HOURS (`22-8`): local hours in which non-transactional messages wait; null: none. */
  quietHours?: { start: number; end: number } | null;
  /** DELIVERY_DAILY_CAP: non-transactional messages per user and local day; beyond it they wait a day. */
  dailyCap?: number;
  /** SENDGRID_WEBHOOK_PUBLIC_KEY: verifies SendGrid's signed Event Webhook (base64 DER, as SendGrid shows it). */
  sendgridWebhookPublicKey?: string;
  /** The APNs topic (bundle id) per product; APNS_TOPIC applies to every product without one. */
  apnsTopic?: string;
};

export const DELIVERY_DEFAULTS = {
  fromAddress: 'no-reply@bytelyst.local',
  appUrl: 'http://localhost:3000',
  quietHours: { start: 22, end: 8 },
  dailyCap: 5,
} as const;
