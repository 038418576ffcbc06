import { createHmac } from 'node:crypto';

/**
 * The "this wasn't me" token of a new sign-in mail: `sr_<userId>.<sessionId>.<mac>`, the MAC an HMAC-SHA256 of
 * the session under a server secret. Derived rather than drawn at random so that a retried mail subscriber
 * sends the same link as the first attempt (whose mail may already be out); only its SHA-256 is stored, on the
 * session, and it works once.
 */
const PATTERN = /^sr_([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

export const reportTokenFor = (secret: string, userId: string, sessionId: string): string => {
  const mac = createHmac('sha256', secret)
    .update(`bytelyst:session-report:v1:${userId}:${sessionId}`)
    .digest('base64url');
  return `sr_${userId}.${sessionId}.${mac}`;
};

export const parseReportToken = (token: string): { userId: string; sessionId: string } | undefined => {
  const [, userId, sessionId] = PATTERN.exec(token) ?? [];
  return userId && sessionId ? { userId, sessionId } : undefined;
};
