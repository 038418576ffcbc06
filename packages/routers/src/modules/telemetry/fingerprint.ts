import { createHash } from 'node:crypto';

/** Frames from the top of a stack that identify an error; deeper frames vary with the caller. */
export const FINGERPRINT_FRAMES = 5;

const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const HEX_PREFIXED = /\b0x[0-9a-f]+\b/gi;
// Long hex runs (object ids, hashes) contain at least one digit, so ordinary words stay.
const HEX_ID = /\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi;
const NUMBER = /\b\d+(?:\.\d+)?\b/g;

/** The message with what varies between occurrences (ids, numbers, quoted values) replaced by placeholders. */
export const normalizeMessage = (message: string): string =>
  message
    .replace(QUOTED, '<str>')
    .replace(UUID, '<uuid>')
    .replace(HEX_PREFIXED, '<hex>')
    .replace(HEX_ID, '<hex>')
    .replace(NUMBER, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);

// JS (`at f (file:1:2)`), Firefox/Safari (`f@file:1:2`), JVM (`at a.b(File.kt:12)`), native (`3 App 0x1 f + 4`).
const FRAME = /^\s*(?:at\s|\S*@\S|\d+\s+\S+\s+0x[0-9a-f]+)/i;

const stripPosition = (frame: string): string =>
  frame
    .trim()
    .replace(/[?#][^\s):]*/g, '')
    .replace(/:\d+(?::\d+)?(?=\)?$)/g, '')
    .replace(/\(([^()]*?):\d+(?::\d+)?\)/g, '($1)')
    .replace(/\b0x[0-9a-f]+\b/gi, '')
    .replace(/\s\+\s\d+$/, '')
    .replace(/^\d+\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The top frames of a stack, with line and column numbers (and native addresses) removed. */
export const topFrames = (stack: string | undefined, count = FINGERPRINT_FRAMES): string[] => {
  if (!stack) return [];
  const lines = stack.split(/\r?\n/).filter((line) => line.trim().length > 0);
  const frames = lines.filter((line) => FRAME.test(line));
  // A stack in no known format: every line but the first (usually the message) is a frame.
  const chosen = frames.length > 0 ? frames : lines.slice(1);
  return chosen.slice(0, count).map(stripPosition);
};

/** sha1 over the normalized message, the top frames and the platform: the id of the error's cluster. */
export const fingerprintOf = (e: {
  message?: string | undefined;
  stack?: string | undefined;
  platform: string;
  name: string;
}) => {
  const title = normalizeMessage(e.message ?? e.name);
  const parts = [title, ...topFrames(e.stack), e.platform];
  return { fingerprint: createHash('sha1').update(parts.join('\n')).digest('hex'), title };
};
