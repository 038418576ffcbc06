import { describe, expect, it } from 'vitest';
import { formatIp, parseCidr, parseIp, parseIpv4 } from './ip-address';
import { buildIpRuleTrie, type IpRuleEntry } from './ip-trie';

const NEVER = Number.POSITIVE_INFINITY;
const rule = (
  id: string,
  cidr: string,
  action: 'allow' | 'deny' = 'deny',
  expiresAt = NEVER,
): IpRuleEntry => ({
  id,
  cidr,
  action,
  expiresAt,
});
const NOW = Date.parse('2026-06-01T12:00:00Z');

describe('address parsing', () => {
  it('reads IPv4 strictly', () => {
    expect(parseIpv4('203.0.113.7')).toBe(0xcb007107);
    expect(parseIpv4('0.0.0.0')).toBe(0);
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    for (const bad of ['256.0.0.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1..2.3', 'a.b.c.d', '', '1.2.3.4 ']) {
      expect(parseIpv4(bad), bad).toBe(-1);
    }
  });

  it('reads IPv6 with ::, embedded IPv4 and zone ids, and maps IPv4', () => {
    expect(parseIp('2001:db8::1')).toEqual([0x20010db8, 0, 0, 1]);
    expect(parseIp('::')).toEqual([0, 0, 0, 0]);
    expect(parseIp('::ffff:203.0.113.7')).toEqual([0, 0, 0xffff, 0xcb007107]);
    expect(parseIp('203.0.113.7')).toEqual([0, 0, 0xffff, 0xcb007107]);
    expect(parseIp('fe80::1%eth0')).toEqual([0xfe800000, 0, 0, 1]);
    expect(parseIp('1:2:3:4:5:6:7:8')).toEqual([0x10002, 0x30004, 0x50006, 0x70008]);
    for (const bad of ['1::2::3', '12345::', '1:2:3:4:5:6:7', 'g::1', ':::', '1:2:3:4:5:6:7:8:9']) {
      expect(parseIp(bad), bad).toBeUndefined();
    }
  });

  it('canonicalises CIDRs, clearing host bits; IPv4 stays IPv4 even when written mapped', () => {
    expect(parseCidr('203.0.113.77/24')?.text).toBe('203.0.113.0/24');
    expect(parseCidr('203.0.113.77')?.text).toBe('203.0.113.77/32');
    expect(parseCidr('2001:DB8:0:0:1::/32')?.text).toBe('2001:db8::/32');
    expect(parseCidr('::ffff:10.1.2.3/104')?.text).toBe('10.0.0.0/8');
    expect(parseCidr('::/0')?.text).toBe('::/0');
    expect(parseCidr('2001:db8::1')?.bits).toBe(128);
    for (const bad of ['10.0.0.0/33', '2001:db8::/129', '10.0.0.0/', '10.0.0.0/a', 'example.com', '']) {
      expect(parseCidr(bad), bad).toBeUndefined();
    }
    expect(formatIp([0x20010db8, 0, 1, 0])).toBe('2001:db8::1:0:0');
    expect(formatIp([0, 0, 0xffff, 0xcb007107])).toBe('203.0.113.7');
  });
});

describe('the IP rule trie', () => {
  it('matches IPv4 and IPv6 CIDRs, the most specific rule first', () => {
    const trie = buildIpRuleTrie([
      rule('net', '203.0.113.0/24', 'deny'),
      rule('host', '203.0.113.5', 'allow'),
      rule('v6', '2001:db8:abcd::/48', 'deny'),
      rule('v6-host', '2001:db8:abcd::42', 'allow'),
    ]);
    expect(trie.size).toBe(4);
    expect(trie.match('203.0.113.9', NOW)?.id).toBe('net');
    expect(trie.match('203.0.113.5', NOW)?.id).toBe('host');
    expect(trie.match('203.0.114.1', NOW)).toBeUndefined();
    expect(trie.match('2001:db8:abcd:1::7', NOW)?.id).toBe('v6');
    expect(trie.match('2001:db8:abcd::42', NOW)?.id).toBe('v6-host');
    expect(trie.match('2001:db8:abce::1', NOW)).toBeUndefined();
  });

  it('matches an IPv4-mapped IPv6 client against IPv4 rules, and IPv6 rules over the mapped space', () => {
    const trie = buildIpRuleTrie([rule('v4', '198.51.100.0/24')]);
    expect(trie.match('::ffff:198.51.100.20', NOW)?.id).toBe('v4');
    expect(trie.match('::ffff:c633:6414', NOW)?.id).toBe('v4');
    expect(trie.match('::ffff:198.51.101.20', NOW)).toBeUndefined();
    const wide = buildIpRuleTrie([rule('mapped', '::ffff:0:0/96', 'allow'), rule('all', '::/0', 'deny')]);
    expect(wide.match('192.0.2.1', NOW)?.id).toBe('mapped');
    expect(wide.match('2001:db8::1', NOW)?.id).toBe('all');
  });

  it('lets deny beat allow on the same prefix', () => {
    const trie = buildIpRuleTrie([
      rule('allow', '192.0.2.0/24', 'allow'),
      rule('deny', '192.0.2.0/24', 'deny'),
    ]);
    expect(trie.match('192.0.2.10', NOW)?.id).toBe('deny');
  });

  it('skips an expired rule and falls back to a broader one', () => {
    const trie = buildIpRuleTrie([
      rule('wide', '10.0.0.0/8', 'deny'),
      rule('temporary', '10.1.0.0/16', 'allow', NOW + 60_000),
    ]);
    expect(trie.match('10.1.2.3', NOW)?.id).toBe('temporary');
    expect(trie.match('10.1.2.3', NOW + 60_000)?.id).toBe('wide');
  });

  it('answers nothing for malformed client addresses and skips malformed rules', () => {
    const trie = buildIpRuleTrie([rule('all', '0.0.0.0/0'), rule('broken', 'not-an-ip')]);
    expect(trie.size).toBe(1);
    expect(trie.match('garbage', NOW)).toBeUndefined();
    expect(trie.match('8.8.8.8', NOW)?.id).toBe('all');
  });

  it('agrees with a linear scan over 2,000 random rules (both families)', () => {
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const v4 = () => [next() % 256, next() % 256, next() % 256, next() % 256].join('.');
    const v6 = () =>
      `2001:db8:${(next() % 65536).toString(16)}:${(next() % 65536).toString(16)}::${(next() % 65536).toString(16)}`;
    const rules: IpRuleEntry[] = [];
    for (let i = 0; i < 2000; i += 1) {
      const family = i % 3 === 0;
      const prefix = family ? 16 + (next() % 113) : 8 + (next() % 25);
      rules.push(rule(`r${i}`, `${family ? v6() : v4()}/${prefix}`, next() % 2 === 0 ? 'allow' : 'deny'));
    }
    const trie = buildIpRuleTrie(rules);
    const parsed = rules.map((r) => ({ r, cidr: parseCidr(r.cidr) }));
    /** Whether the first `bits` bits of two addresses agree: the linear scan's own test. */
    const within = (words: number[], cidr: NonNullable<ReturnType<typeof parseCidr>>) => {
      for (let i = 0; i < 4; i += 1) {
        const keep = Math.max(0, Math.min(32, cidr.bits - i * 32));
        if (keep === 0) return true;
        const mask = keep === 32 ? 0xffffffff : (0xffffffff << (32 - keep)) >>> 0;
        if (((words[i] ?? 0) & mask) >>> 0 !== cidr.words[i]) return false;
      }
      return true;
    };
    let matched = 0;
    for (let i = 0; i < 1500; i += 1) {
      const ip = i % 3 === 0 ? v6() : v4();
      const words = parseIp(ip) ?? [];
      const candidates = parsed.filter(({ cidr }) => cidr && within(words, cidr));
      const longest = Math.max(-1, ...candidates.map(({ cidr }) => cidr?.bits ?? -1));
      const best = candidates.filter(({ cidr }) => cidr?.bits === longest).map(({ r }) => r);
      const expected = best.find((r) => r.action === 'deny') ?? best[0];
      expect(trie.match(ip, NOW)?.id, ip).toBe(expected?.id);
      if (expected) matched += 1;
    }
    expect(matched).toBeGreaterThan(100);
  });
});
