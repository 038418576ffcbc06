import { createCircuitBreaker } from './circuit-breaker';
import type { EmailDriver } from './email';
import { createFailoverEmailDriver, type EmailFallbackInfo } from './email-failover';
import { createOutboxEmailDriver } from './email-outbox';
import { createSendgridDriver } from './email-sendgrid';
import { createSmtpDriver, parseSmtpUrl } from './email-smtp';

export type EmailDriverName = 'outbox' | 'sendgrid' | 'smtp';

/** What env.ts reads; each field names the env var it comes from, which the errors below repeat. */
export type EmailDriverConfig = {
  /** EMAIL_DRIVER */
  driver: EmailDriverName;
  /** EMAIL_FALLBACK_DRIVER: a second provider for when the first is down */
  fallback?: 'smtp' | 'sendgrid';
  sendgrid?: {
    /** SENDGRID_API_KEY */
    apiKey?: string;
    /** SENDGRID_API_BASE */
    apiBase?: string;
    timeoutMs?: number;
    sandbox?: boolean;
  };
  smtp?: {
    /** SMTP_URL */
    url?: string;
    timeoutMs?: number;
  };
  /** guards the primary when a fallback is configured */
  breaker?: { failureThreshold?: number; cooldownMs?: number };
  clock: () => number;
  onFallback?: (info: EmailFallbackInfo) => void;
};

const buildSendgrid = (config: EmailDriverConfig, role: string): EmailDriver => {
  const apiKey = config.sendgrid?.apiKey;
  if (!apiKey) throw new Error(`${role}=sendgrid needs SENDGRID_API_KEY`);
  const apiBase = config.sendgrid?.apiBase;
  if (apiBase !== undefined && !/^https?:\/\/[^/]/.test(apiBase)) {
    throw new Error(`SENDGRID_API_BASE must be an http(s) URL, got ${JSON.stringify(apiBase)}`);
  }
  return createSendgridDriver({
    apiKey,
    clock: config.clock,
    ...(apiBase === undefined ? {} : { apiBase }),
    ...(config.sendgrid?.timeoutMs === undefined ? {} : { timeoutMs: config.sendgrid.timeoutMs }),
    ...(config.sendgrid?.sandbox === undefined ? {} : { sandbox: config.sendgrid.sandbox }),
  });
};

const buildSmtp = (config: EmailDriverConfig, role: string): EmailDriver => {
  const url = config.smtp?.url;
  if (!url) throw new Error(`${role}=smtp needs SMTP_URL`);
  try {
    parseSmtpUrl(url);
  } catch (error) {
    // the URL may hold a password, so it is not repeated in the message
    throw new Error(`SMTP_URL ${(error as Error).message}`);
  }
  return createSmtpDriver({
    url,
    ...(config.smtp?.timeoutMs === undefined ? {} : { timeoutMs: config.smtp.timeoutMs }),
  });
};

const build = (name: EmailDriverName, config: EmailDriverConfig, role: string): EmailDriver => {
  switch (name) {
    case 'outbox':
      return createOutboxEmailDriver();
    case 'sendgrid':
      return buildSendgrid(config, role);
    case 'smtp':
      return buildSmtp(config, role);
  }
};

/** Builds the configured email driver, behind a failover to the fallback provider when one is configured. */
export const createEmailDriver = (config: EmailDriverConfig): EmailDriver => {
  const { fallback } = config;
  if (fallback !== undefined) {
    if (config.driver === 'outbox') {
      throw new Error(
        `EMAIL_FALLBACK_DRIVER=${fallback} needs EMAIL_DRIVER=sendgrid or smtp (the outbox never fails)`,
      );
    }
    if (fallback === config.driver) {
      throw new Error(`EMAIL_FALLBACK_DRIVER=${fallback} must differ from EMAIL_DRIVER=${config.driver}`);
    }
  }
  const primary = build(config.driver, config, 'EMAIL_DRIVER');
  if (fallback === undefined) return primary;
  return createFailoverEmailDriver({
    primary,
    fallback: build(fallback, config, 'EMAIL_FALLBACK_DRIVER'),
    breaker: createCircuitBreaker({ ...config.breaker, clock: config.clock }),
    ...(config.onFallback ? { onFallback: config.onFallback } : {}),
  });
};
