import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDoc } from '@bytelyst/routers/modules/docs/render';
import { describe, expect, it } from 'vitest';
import { docOfPath, PAGE_DOCS } from './page-docs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
/** The docs as the API serves them with its defaults: docs/*.md by name, and the README as `readme`. */
const fileOf = (slug: string) =>
  slug === 'readme' ? path.join(ROOT, 'README.md') : path.join(ROOT, 'docs', `${slug}.md`);
const headingIds = (slug: string) =>
  new Set(renderDoc(slug, readFileSync(fileOf(slug), 'utf8')).headings.map((heading) => heading.id));

/** Every `doc="<slug>#<id>"` a component passes to PageHeader itself. */
const explicitDocs = (): string[] => {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.tsx'))
        for (const match of readFileSync(full, 'utf8').matchAll(/\bdoc="([^"]+)"/g))
          found.push(match[1] ?? '');
    }
  };
  walk(path.join(ROOT, 'apps/admin/src'));
  return found;
};

describe('the docs links of console pages', () => {
  it('each point at a heading that exists', () => {
    const links = [...Object.values(PAGE_DOCS), ...explicitDocs()];
    expect(links.length).toBeGreaterThan(Object.keys(PAGE_DOCS).length);
    for (const link of links) {
      const [slug = '', anchor = ''] = link.split('#');
      expect([...headingIds(slug)], link).toContain(anchor);
    }
  });

  it('go to the section of the longest path that holds the page', () => {
    expect(docOfPath('/ops/delivery')).toBe('readme#delivery');
    expect(docOfPath('/ops/delivery/suppressions')).toBe('readme#delivery');
    expect(docOfPath('/billing/dunning')).toBe('readme#billing-dunning');
    expect(docOfPath('/ops/events/dead-letters')).toBe(PAGE_DOCS['/ops/events']);
    expect(docOfPath('/ops/eventsx')).toBeUndefined();
    expect(docOfPath('/account/usage')).toBeUndefined();
  });
});
