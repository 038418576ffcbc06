import Bowser from 'bowser';
import { sha256 } from '../../lib/crypto';

/** What a session records of its client: parsed once, at sign-in and at each refresh, never per request. */
export type ClientInfo = { browser?: string; browserVersion?: string; os?: string; osVersion?: string };

/** Versions are cut to what a person recognises: Chrome 120, not 120.0.6099.71. */
const major = (version: string | undefined) => version?.split('.')[0] || undefined;

export const parseUserAgent = (userAgent: string): ClientInfo => {
  if (!userAgent) return {};
  const parsed = Bowser.parse(userAgent.slice(0, 512));
  const info: ClientInfo = {};
  if (parsed.browser.name) info.browser = parsed.browser.name;
  const browserVersion = major(parsed.browser.version);
  if (browserVersion) info.browserVersion = browserVersion;
  if (parsed.os.name) info.os = parsed.os.name;
  const osVersion = parsed.os.versionName || parsed.os.version || undefined;
  if (osVersion) info.osVersion = osVersion;
  return info;
};

/** `doc` with its client fields replaced by `info`'s. */
export const withClient = <T extends ClientInfo>(doc: T, info: ClientInfo): T => {
  const { browser: _b, browserVersion: _bv, os: _o, osVersion: _ov, ...rest } = doc;
  return { ...rest, ...info } as T;
};

/**
 * Which device a sign-in comes from, for "have we seen it before": the client's device id when it sends one;
 * otherwise platform + browser name + OS name, without versions (an update is not a new device). Coarse on
 * purpose: two laptops with the same browser and OS count as one, which errs toward fewer mails, never toward
 * a mail on every browser update.
 */
export const deviceKeyOf = (s: { platform: string; deviceId?: string | undefined } & ClientInfo): string =>
  s.deviceId
    ? `device:${s.deviceId}`
    : `client:${s.platform}|${(s.browser ?? '').toLowerCase()}|${(s.os ?? '').toLowerCase()}`;

/** The known-device document id for a key (fixed length, no characters the store could dislike). */
export const knownDeviceId = (deviceKey: string) => sha256(deviceKey).slice(0, 40);
