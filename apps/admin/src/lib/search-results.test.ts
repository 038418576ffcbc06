import { describe, expect, it } from 'vitest';
import { groupHits, hrefOf, markedParts, type SearchHit } from './search-results';

const hit = (type: SearchHit['type'], id: string, ref: Record<string, string> = { id }): SearchHit => ({
  type,
  id,
  title: id,
  titleHtml: id,
  subtitle: null,
  snippetHtml: null,
  exact: false,
  score: 1,
  at: null,
  ref,
});

describe('search results in the console', () => {
  it('groups hits by type in the order of each group’s best hit, numbering them as shown', () => {
    const groups = groupHits([
      hit('user', 'u1'),
      hit('audit', 'a1'),
      hit('user', 'u2'),
      hit('feedback', 'f1'),
    ]);
    expect(groups.map((g) => [g.label, g.hits.map((h) => `${h.hit.id}@${h.index}`)])).toEqual([
      ['Users', ['u1@0', 'u2@1']],
      ['Audit log', ['a1@2']],
      ['Feedback', ['f1@3']],
    ]);
  });

  it('links each type to the page of its record, an audit entry to the log narrowed to it', () => {
    expect(hrefOf(hit('user', 'u/1'))).toBe('/users/u%2F1');
    expect(hrefOf(hit('tracker_item', 't1'))).toBe('/tracker/t1');
    expect(hrefOf(hit('feedback', 'f1'))).toBe('/feedback/f1');
    expect(
      hrefOf(hit('doc', 'architecture#data-rules', { slug: 'architecture', anchor: 'data-rules' })),
    ).toBe('/docs/architecture#data-rules');
    expect(hrefOf(hit('doc', 'architecture', { slug: 'architecture' }))).toBe('/docs/architecture');
    const at = '2026-06-01T12:00:00.000Z';
    const day = new Date(at).toLocaleDateString('sv-SE');
    const href = hrefOf(
      hit('audit', 'a1', { id: 'a1', action: 'users.disable', actorId: 'adm', targetId: 'u1', at }),
    );
    expect(href).toBe(`/audit?actorId=adm&action=users.disable&targetId=u1&from=${day}&to=${day}`);
  });

  it('reads highlighted HTML back into text and marks, unescaping what the API escaped', () => {
    expect(markedParts('&lt;b&gt;<mark>Eve</mark>&lt;/b&gt; &amp; co')).toEqual([
      { text: '<b>', mark: false },
      { text: 'Eve', mark: true },
      { text: '</b> & co', mark: false },
    ]);
  });
});
