/**
 * A binary prefix trie over the 128 bits of an address (ip-address.ts): each rule sits on the node of its
 * prefix, and a lookup walks the client address's bits from the root, at most 128 steps (32 for IPv4, which
 * starts at the `::ffff:0:0/96` node), whatever the number of rules. The most specific rule that has not
 * expired wins; on one prefix, deny beats allow.
 *
 * Nodes live in one flat typed array (children by index) rather than objects: 10,000 rules make some 200,000
 * nodes, which objects would scatter over the heap.
 */
import { MAPPED_WORD, parseCidr, parseIp, parseIpv4, type Words } from './ip-address';

export type IpRuleEntry = {
  id: string;
  action: 'allow' | 'deny';
  /** Canonical CIDR text. */
  cidr: string;
  /** Epoch ms after which the rule no longer applies; Infinity when it never expires. */
  expiresAt: number;
};

export type IpRuleTrie = {
  /** The rule that decides for `ip` at `now`, or undefined (also for a malformed address). */
  match(ip: string, now: number): IpRuleEntry | undefined;
  readonly size: number;
};

const NONE = -1;

const bitOf = (words: Words, depth: number): number =>
  ((words[depth >>> 5] ?? 0) >>> (31 - (depth & 31))) & 1;

/** The deciding entry among those on one prefix: a live deny, else a live allow. */
const decide = (entries: readonly IpRuleEntry[], now: number): IpRuleEntry | undefined => {
  let allow: IpRuleEntry | undefined;
  for (const entry of entries) {
    if (entry.expiresAt <= now) continue;
    if (entry.action === 'deny') return entry;
    allow ??= entry;
  }
  return allow;
};

/** Builds the trie of `rules`; a rule whose CIDR does not parse is skipped (the service validates on write). */
export const buildIpRuleTrie = (rules: readonly IpRuleEntry[]): IpRuleTrie => {
  // Node n is nodes[3n] (child on 0), nodes[3n + 1] (child on 1), nodes[3n + 2] (its rules' list, or NONE):
  // one node's fields share a cache line, which a walk through a large trie feels.
  let nodes = new Int32Array(3 * 1024).fill(NONE);
  let count = 1;
  const lists: IpRuleEntry[][] = [];

  const childSlot = (node: number, bit: number) => 3 * node + bit;

  const descend = (words: Words, bits: number): number => {
    let node = 0;
    for (let depth = 0; depth < bits; depth += 1) {
      const at = childSlot(node, bitOf(words, depth));
      let child = nodes[at] ?? NONE;
      if (child === NONE) {
        if (3 * (count + 1) > nodes.length) {
          const wider = new Int32Array(nodes.length * 2).fill(NONE);
          wider.set(nodes);
          nodes = wider;
        }
        child = count;
        count += 1;
        nodes[at] = child;
      }
      node = child;
    }
    return node;
  };

  // The IPv4 space's node always exists: IPv4 lookups start there.
  const mappedNode = descend([0, 0, MAPPED_WORD, 0], 96);
  let size = 0;
  for (const rule of rules) {
    const cidr = parseCidr(rule.cidr);
    if (!cidr) continue;
    const node = descend(cidr.words, cidr.bits);
    let index = nodes[3 * node + 2] ?? NONE;
    if (index === NONE) {
      index = lists.length;
      lists.push([]);
      nodes[3 * node + 2] = index;
    }
    lists[index]?.push(rule);
    size += 1;
  }
  const trie = nodes;

  /** Nodes with rules on the way to the IPv4 space (`::/0`, `::/80`, ...): IPv4 lookups consult them first. */
  const aboveMapped: number[] = [];
  {
    let node = 0;
    const words: Words = [0, 0, MAPPED_WORD, 0];
    for (let depth = 0; depth < 96; depth += 1) {
      if ((trie[3 * node + 2] ?? NONE) !== NONE) aboveMapped.push(node);
      node = trie[childSlot(node, bitOf(words, depth))] ?? NONE;
    }
  }

  const verdictAt = (node: number, now: number): IpRuleEntry | undefined => {
    const index = trie[3 * node + 2] ?? NONE;
    if (index === NONE) return undefined;
    return decide(lists[index] ?? [], now);
  };

  const walkV4 = (address: number, now: number): IpRuleEntry | undefined => {
    let best: IpRuleEntry | undefined;
    for (const node of aboveMapped) best = verdictAt(node, now) ?? best;
    let node = mappedNode;
    best = verdictAt(node, now) ?? best;
    for (let shift = 31; shift >= 0; shift -= 1) {
      node = trie[3 * node + ((address >>> shift) & 1)] ?? NONE;
      if (node === NONE) break;
      if ((trie[3 * node + 2] ?? NONE) !== NONE) best = verdictAt(node, now) ?? best;
    }
    return best;
  };

  const walk = (words: Words, now: number): IpRuleEntry | undefined => {
    let node = 0;
    let best = verdictAt(node, now);
    for (let depth = 0; depth < 128; depth += 1) {
      node = trie[childSlot(node, bitOf(words, depth))] ?? NONE;
      if (node === NONE) break;
      if ((trie[3 * node + 2] ?? NONE) !== NONE) best = verdictAt(node, now) ?? best;
    }
    return best;
  };

  return {
    size,
    match(ip, now) {
      if (size === 0) return undefined;
      const v4 = parseIpv4(ip);
      if (v4 >= 0) return walkV4(v4, now);
      const words = parseIp(ip);
      if (!words) return undefined;
      // An IPv4-mapped client (::ffff:a.b.c.d) takes the IPv4 path, so it sees the same rules.
      if (words[0] === 0 && words[1] === 0 && words[2] === MAPPED_WORD) return walkV4(words[3], now);
      return walk(words, now);
    },
  };
};
