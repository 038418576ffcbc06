import { WAITLIST_EXPORT_PATH } from '@bytelyst/routers/modules/growth/waitlist/export-route';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRest, rest } from '../testing/http';
import { createTestServer, type TestServer } from '../testing/server';

const ROWS = 1203;

/** A tiny RFC 4180 reader, independent of the writer under test. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += ch;
  }
  return rows;
};

describe(`GET ${WAITLIST_EXPORT_PATH}`, () => {
  let t: TestServer;
  let adminToken = '';
  let userToken = '';
  let pagesRead = 0;
  beforeAll(async () => {
    t = await createTestServer();
    // The server registers the route with this service; count the pages it is asked for.
    const waitlist = t.services.growth.waitlist;
    const exportPages = waitlist.exportPages.bind(waitlist);
    waitlist.exportPages = async function* (productId, filters) {
      for await (const page of exportPages(productId, filters)) {
        pagesRead += 1;
        yield page;
      }
    };
    await t.app.ready();
    adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
    await t.services.users.create(t.env.DEFAULT_PRODUCT_ID, {
      email: 'plain@example.com',
      name: 'Plain',
      password: 'correct-horse-battery',
      roles: ['user'],
    });
    userToken = await loginRest(t.app, 'plain@example.com', 'correct-horse-battery');
    const tricky = [
      { email: 'formula@example.com', name: '=HYPERLINK("http://evil.example","click")' },
      { email: 'comma@example.com', name: 'Doe, "Jane"' },
      { email: 'newline@example.com', name: 'two\nlines' },
      { email: 'plus@example.com', name: '+31 6 1234', source: '@campaign' },
      { email: 'minus@example.com', name: '-1' },
    ];
    for (const input of tricky) await t.services.growth.waitlist.join(t.env.DEFAULT_PRODUCT_ID, input);
    for (let i = 0; i < ROWS - tricky.length; i += 1) {
      await t.services.growth.waitlist.join(t.env.DEFAULT_PRODUCT_ID, { email: `bulk-${i}@example.com` });
    }
  }, 120_000);
  afterAll(async () => t.close());

  const get = (query = '', token?: string) =>
    t.app.inject({
      method: 'GET',
      url: `${WAITLIST_EXPORT_PATH}${query}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('refuses anonymous callers with 401 and plain users with 403', async () => {
    const anon = await get();
    expect(anon.statusCode).toBe(401);
    expect(anon.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    const user = await get('', userToken);
    expect(user.statusCode).toBe(403);
    expect(user.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const bad = await get('?status=sleeping', adminToken);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { fields: [{ path: 'status' }] } });
  });

  it('streams every row page by page as an escaped CSV download', async () => {
    pagesRead = 0;
    const res = await get('', adminToken);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="waitlist-bytelyst-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(pagesRead).toBe(3);
    const rows = parseCsv(res.payload);
    expect(rows[0]?.slice(0, 4)).toEqual(['position', 'email', 'name', 'status']);
    expect(rows).toHaveLength(ROWS + 1);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    const byEmail = new Map(rows.map((r) => [r[1], r]));
    expect(byEmail.get('formula@example.com')?.[2]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(byEmail.get('comma@example.com')?.[2]).toBe('Doe, "Jane"');
    expect(byEmail.get('newline@example.com')?.[2]).toBe('two\nlines');
    expect(byEmail.get('plus@example.com')?.slice(2, 5)).toEqual(["'+31 6 1234", 'waiting', "'@campaign"]);
    expect(byEmail.get('minus@example.com')?.[2]).toBe("'-1");
    expect(res.payload).toContain('"\'=HYPERLINK(""http://evil.example"",""click"")"');
  });

  it('applies the list filters and leaves the REST face of the waitlist alone', async () => {
    const res = await get('?search=bulk-10&status=waiting', adminToken);
    const emails = parseCsv(res.payload)
      .slice(1)
      .map((r) => r[1]);
    expect(emails.sort()).toEqual(
      [
        'bulk-10@example.com',
        ...Array.from({ length: 100 }, (_, i) => `bulk-${1000 + i}@example.com`),
        ...Array.from({ length: 10 }, (_, i) => `bulk-${100 + i}@example.com`),
      ].sort(),
    );
    const stats = await rest(t.app, 'GET', '/waitlist/stats', { token: adminToken });
    expect(stats).toMatchObject({ status: 200, body: { waiting: ROWS } });
    const joined = await rest(t.app, 'POST', '/waitlist/join', { body: { email: 'rest@example.com' } });
    expect(joined).toMatchObject({ status: 200, body: { position: ROWS + 1, alreadyJoined: false } });
  });

  it('writes each export to the audit log', async () => {
    await t.services.bus.drain();
    const entries = await t.services.audit.list(t.env.DEFAULT_PRODUCT_ID, { action: 'waitlist.export' });
    expect(entries.items.length).toBeGreaterThanOrEqual(2);
  });
});
