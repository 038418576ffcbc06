import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError, shapeOf, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { restCaller } from '../../testing/rest';

const GUIDE = `# The Guide

Intro text before any section.

## Getting started

Run the **platform** with \`pnpm start\`. See [naming](naming.md#the-rules) and [outside](https://example.com).
From the repo root: [the map](docs/naming.md); up to the [operator guide](../README.md#deploying).

<script>alert('stolen')</script>
<img src="https://example.com/x.png" onerror="alert(1)">
<a href="javascript:alert(2)">click me</a>

[also bad](javascript:alert(3))

### Code

\`\`\`ts
const answer = 42;
\`\`\`

## Getting started

A second heading with the same text gets its own id; the word zanzibar lives here.
`;

const NAMING = `# Naming

## The rules

Verbs come from a list.
`;

type Admin = Awaited<ReturnType<TestHarness['signIn']>>;

describe('docs module', () => {
  let dir: string;
  let h: TestHarness;
  let admin: Admin;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'docs-test-'));
    await writeFile(path.join(dir, 'guide.md'), GUIDE);
    await writeFile(path.join(dir, 'naming.md'), NAMING);
    // Not docs: a name that is not a slug, a file that is not Markdown.
    await writeFile(path.join(dir, 'Bad Name.md'), '# no');
    await writeFile(path.join(dir, 'notes.txt'), 'no');
    // A file outside the directory, served by the slug it is given (the README).
    await mkdir(path.join(dir, 'repo'));
    await writeFile(
      path.join(dir, 'repo', 'README.md'),
      '# Operator guide\n\n## Deploying\n\nOn one machine.\n',
    );
    h = await createTestHarness({
      config: { docs: { dir, files: { readme: path.join(dir, 'repo', 'README.md') } } },
    });
    admin = await h.signIn(['admin']);
  }, 60_000);
  afterAll(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('lists the docs with their titles and headings, ids slugified and unique', async () => {
    const { items } = await admin.caller.docs.list();
    expect(items.map((doc) => [doc.slug, doc.title])).toEqual([
      ['guide', 'The Guide'],
      ['naming', 'Naming'],
      ['readme', 'Operator guide'],
    ]);
    const readme = await admin.caller.docs.get({ slug: 'readme' });
    expect(readme.html).toContain('id="deploying"');
    expect([readme.source, items[0]?.source]).toEqual(['README.md', `${path.basename(dir)}/guide.md`]);
    expect(items[0]?.headings).toEqual([
      { id: 'getting-started', text: 'Getting started', depth: 2 },
      { id: 'code', text: 'Code', depth: 3 },
      { id: 'getting-started-2', text: 'Getting started', depth: 2 },
    ]);
  });

  it('renders a doc: heading ids, code blocks, links between docs rewritten, scripts and handlers gone', async () => {
    const doc = await admin.caller.docs.get({ slug: 'guide' });
    expect(doc.html).toContain('<h2 id="getting-started">Getting started</h2>');
    expect(doc.html).toContain('<h2 id="getting-started-2">');
    expect(doc.html).toContain('<code class="language-ts">');
    expect(doc.html).toContain('<a href="/docs/naming#the-rules">naming</a>');
    expect(doc.html).toContain('<a href="/docs/naming">the map</a>');
    expect(doc.html).toContain('<a href="/docs/readme#deploying">operator guide</a>');
    expect(doc.html).toContain('<a href="https://example.com" rel="noopener noreferrer">outside</a>');
    expect(doc.html).toContain('<img src="https://example.com/x.png" />');
    for (const bad of ['<script', 'stolen', 'onerror', 'javascript:']) expect(doc.html).not.toContain(bad);
    expect(doc.html).toContain('<span>click me</span>');
    expect(doc.html).toContain('<span>also bad</span>');
  });

  it('shows an edited doc on the next read', async () => {
    const file = path.join(dir, 'naming.md');
    await writeFile(file, `${NAMING}\n## Renamed later\n\nNew text.\n`);
    await utimes(file, new Date(), new Date(Date.now() + 5_000));
    const doc = await admin.caller.docs.get({ slug: 'naming' });
    expect(doc.headings.map((heading) => heading.id)).toEqual(['the-rules', 'renamed-later']);
  });

  it('refuses a slug that could leave the directory (400 naming slug) and answers 404 for an unknown one', async () => {
    for (const slug of ['../README', '..', 'guide.md', 'a/b', '%2e%2e', 'Guide']) {
      await expectFieldError(() => admin.caller.docs.get({ slug }), 'slug');
    }
    const missing = await trpcErrorOf(() => admin.caller.docs.get({ slug: 'nope' }));
    expect(missing.code).toBe('NOT_FOUND');
    expect(JSON.stringify(shapeOf(missing))).toContain('slug');
    const call = restCaller(h);
    const bearer = admin.auth.accessToken;
    const traversal = await call('GET', '/docs/..%2F..%2Fpackage.json', { bearer });
    expect(traversal.status).toBe(400);
    expect(JSON.stringify(await traversal.json())).toContain('slug');
    expect((await call('GET', '/docs/nope', { bearer })).status).toBe(404);
    const ok = await call('GET', '/docs/guide', { bearer });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { title: string }).title).toBe('The Guide');
  });

  it('refuses anonymous callers and plain users', async () => {
    const call = restCaller(h);
    expect((await call('GET', '/docs')).status).toBe(401);
    const plain = await h.signIn(['user']);
    expect((await call('GET', '/docs/guide', { bearer: plain.auth.accessToken })).status).toBe(403);
    expect((await trpcErrorOf(() => plain.caller.docs.list())).code).toBe('FORBIDDEN');
  });

  it('indexes sections for search: a word of a section finds it and points at its heading', async () => {
    const { caller } = admin;
    // Four sections of the guide (the intro among them), two of the naming doc as the last test left it, one of the
    // README.
    expect(await h.services.search.indexDocs([h.services.config.defaultProductId])).toEqual({
      [h.services.config.defaultProductId]: 7,
    });
    const { items } = await caller.search.query({ q: 'zanzibar', types: ['doc'] });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      type: 'doc',
      id: 'guide#getting-started-2',
      title: 'The Guide › Getting started',
      subtitle: '/docs/guide',
      ref: { slug: 'guide', anchor: 'getting-started-2' },
    });
    expect(items[0]?.snippetHtml).toContain('<mark>zanzibar</mark>');
    // The scripts the renderer dropped are not in the index either.
    expect((await caller.search.query({ q: 'stolen', types: ['doc'] })).items).toEqual([]);
    // A section that went away leaves the index at the next pass.
    expect((await caller.search.query({ q: 'renamed', types: ['doc'] })).items).toHaveLength(1);
    await writeFile(path.join(dir, 'naming.md'), NAMING);
    await utimes(path.join(dir, 'naming.md'), new Date(), new Date(Date.now() + 10_000));
    h.advance(1_000);
    await h.services.search.indexDocs([h.services.config.defaultProductId]);
    expect((await caller.search.query({ q: 'renamed', types: ['doc'] })).items).toEqual([]);
  });
});
