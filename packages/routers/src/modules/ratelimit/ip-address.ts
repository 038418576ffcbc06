/**
 * IP addresses as 128 bits (four unsigned 32-bit words, most significant first), for the IP-rule trie. IPv4
 * lives where RFC 4291 maps it, `::ffff:a.b.c.d`, so an IPv4 rule matches a client that arrives over IPv6 as
 * `::ffff:203.0.113.7` (a dual-stack socket's form), and one trie holds both families.
 *
 * Hand-written rather than `net.isIP` + split: the IPv4 parse runs on every request (ratelimit.bench).
 */

/** Four words, most significant first. */
export type Words = [number, number, number, number];

/** The IPv4 address as an unsigned 32-bit number, or -1 when `text` is not dotted-quad IPv4. */
export const parseIpv4 = (text: string): number => {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 46 /* . */) {
      if (digits === 0 || parts === 3) return -1;
      value = value * 256 + part;
      parts += 1;
      part = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57) {
      // No leading zeros: 010 is octal to some parsers and decimal to others.
      if (digits > 0 && part === 0) return -1;
      part = part * 10 + (code - 48);
      digits += 1;
      if (part > 255) return -1;
    } else {
      return -1;
    }
  }
  if (digits === 0 || parts !== 3) return -1;
  return value * 256 + part;
};

const hexValue = (code: number): number => {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
};

/**
 * The eight 16-bit groups of an IPv6 address, or undefined: one pass over the characters, `::` and a dotted
 * IPv4 tail expanded, a zone id (`%eth0`) ignored.
 */
const ipv6Groups = (text: string): number[] | undefined => {
  const groups: number[] = [];
  let gapAt = -1;
  let value = 0;
  let digits = 0;
  let i = 0;
  const end = text.indexOf('%') < 0 ? text.length : text.indexOf('%');
  if (text.charCodeAt(0) === 58 /* : */) {
    if (text.charCodeAt(1) !== 58) return undefined;
    gapAt = 0;
    i = 2;
  }
  let groupStart = i;
  for (; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 58 /* : */) {
      if (digits === 0) {
        // A second colon in a row: the gap (only one per address, and not after a trailing group).
        if (gapAt >= 0 || i !== groupStart) return undefined;
        gapAt = groups.length;
        groupStart = i + 1;
        continue;
      }
      groups.push(value);
      value = 0;
      digits = 0;
      groupStart = i + 1;
      if (groups.length > 8) return undefined;
      continue;
    }
    if (code === 46 /* . */) {
      const v4 = parseIpv4(text.slice(groupStart, end));
      if (v4 < 0) return undefined;
      groups.push(Math.floor(v4 / 65536), v4 % 65536);
      digits = 0;
      i = end;
      break;
    }
    const digit = hexValue(code);
    if (digit < 0 || digits === 4) return undefined;
    value = value * 16 + digit;
    digits += 1;
  }
  if (digits > 0) groups.push(value);
  else if (
    i > 0 &&
    text.charCodeAt(end - 1) === 58 &&
    !(gapAt === groups.length && text.charCodeAt(end - 2) === 58)
  ) {
    return undefined;
  }
  if (gapAt < 0) return groups.length === 8 ? groups : undefined;
  const missing = 8 - groups.length;
  if (missing < 1) return undefined;
  groups.splice(gapAt, 0, ...Array<number>(missing).fill(0));
  return groups;
};

/** 0xffff in the third word: the `::ffff:0:0/96` prefix of an IPv4-mapped address. */
export const MAPPED_WORD = 0xffff;

/** The 128-bit form of an IPv4 or IPv6 address (IPv4 mapped), or undefined when it is neither. */
export const parseIp = (text: string): Words | undefined => {
  const v4 = parseIpv4(text);
  if (v4 >= 0) return [0, 0, MAPPED_WORD, v4];
  if (!text.includes(':')) return undefined;
  const g = ipv6Groups(text);
  if (!g) return undefined;
  // No closure here: the request path calls this, and a bundler keeping names wraps every closure it makes.
  return [
    ((g[0] ?? 0) * 65536 + (g[1] ?? 0)) >>> 0,
    ((g[2] ?? 0) * 65536 + (g[3] ?? 0)) >>> 0,
    ((g[4] ?? 0) * 65536 + (g[5] ?? 0)) >>> 0,
    ((g[6] ?? 0) * 65536 + (g[7] ?? 0)) >>> 0,
  ];
};

export type Cidr = {
  words: Words;
  /** Bits of the 128-bit form that count: an IPv4 /24 is 96 + 24. */
  bits: number;
  /** The canonical text: `203.0.113.0/24`, `2001:db8::/32` (host bits cleared). */
  text: string;
};

const maskWords = (words: Words, bits: number): Words => {
  const out: Words = [0, 0, 0, 0];
  for (let i = 0; i < 4; i += 1) {
    const keep = Math.max(0, Math.min(32, bits - i * 32));
    const mask = keep === 0 ? 0 : keep === 32 ? 0xffffffff : (0xffffffff << (32 - keep)) >>> 0;
    out[i] = ((words[i] ?? 0) & mask) >>> 0;
  }
  return out;
};

const isMapped = (words: Words) => words[0] === 0 && words[1] === 0 && words[2] === MAPPED_WORD;

const formatV4 = (value: number) =>
  [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join('.');

/** RFC 5952 text: lower case, the longest run of zero groups (two or more) as `::`. */
const formatV6 = (words: Words): string => {
  const groups = words.flatMap((word) => [word >>> 16, word & 0xffff]);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
};

/** The canonical text of an address (IPv4-mapped addresses as plain IPv4). */
export const formatIp = (words: Words): string => (isMapped(words) ? formatV4(words[3]) : formatV6(words));

/**
 * An IPv4 or IPv6 CIDR, or a bare address (/32 or /128), with its host bits cleared; undefined when malformed.
 * `::ffff:0:0/96` and narrower IPv6-written prefixes inside it are the IPv4 space they map.
 */
export const parseCidr = (input: string): Cidr | undefined => {
  const text = input.trim();
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  const v4 = parseIpv4(address) >= 0;
  const words = parseIp(address);
  if (!words) return undefined;
  const max = v4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return undefined;
  const bits = v4 ? 96 + prefix : prefix;
  const masked = maskWords(words, bits);
  const canonical =
    isMapped(masked) && bits >= 96 ? `${formatV4(masked[3])}/${bits - 96}` : `${formatV6(masked)}/${bits}`;
  return { words: masked, bits, text: canonical };
};
