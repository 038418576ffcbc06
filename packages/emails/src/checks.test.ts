import { describe, expect, it } from 'vitest';
import { checkEmail, type EmailCheck, GMAIL_CLIP_BYTES } from './checks';
import { renderEmail } from './render';
import { TEMPLATE_NAMES, TEMPLATE_PREVIEW_PROPS } from './templates';

const TEXT = 'Hello Ada,\n\nYour account is ready: https://app.example.com';
const page = (body: string) => `<!DOCTYPE html><html><head></head><body>${body}</body></html>`;
const issuesOf = (check: EmailCheck, email: { html: string; text: string }) =>
  checkEmail(email)
    .issues.filter((issue) => issue.check === check)
    .map(({ severity, message, detail }) => ({ severity, message, detail }));

describe('checkEmail: size', () => {
  it('errors over Gmail clipping limit, warns past 80% of it, says nothing below', () => {
    const sized = (bytes: number) => {
      const shell = page('<p></p>');
      return { html: page(`<p>${'x'.repeat(bytes - shell.length)}</p>`), text: TEXT };
    };
    const over = checkEmail(sized(GMAIL_CLIP_BYTES + 1));
    expect(over.sizeBytes).toBe(GMAIL_CLIP_BYTES + 1);
    expect(over.gmailClipBytes).toBe(102 * 1024);
    expect(issuesOf('size', sized(GMAIL_CLIP_BYTES + 1)).map((i) => i.severity)).toEqual(['error']);
    expect(issuesOf('size', sized(90 * 1024)).map((i) => i.severity)).toEqual(['warning']);
    expect(issuesOf('size', sized(20 * 1024))).toEqual([]);
  });

  it('counts bytes, not characters', () => {
    expect(checkEmail({ html: 'é', text: TEXT }).sizeBytes).toBe(2);
  });
});

describe('checkEmail: image alt text', () => {
  it('errors on a missing alt, notes an empty one, accepts a real one', () => {
    const html = page(
      '<img src="https://cdn.example.com/a.png"><img alt="" src="https://cdn.example.com/b.png"/><img src="https://cdn.example.com/c.png" alt="Logo">',
    );
    expect(issuesOf('image-alt', { html, text: TEXT })).toEqual([
      { severity: 'error', message: 'Image without alt text', detail: 'https://cdn.example.com/a.png' },
      {
        severity: 'info',
        message: 'Image with empty alt text: fine if it is decorative',
        detail: 'https://cdn.example.com/b.png',
      },
    ]);
    expect(
      issuesOf('image-alt', { html: page('<img alt="Logo" src="https://x.example/l.png">'), text: TEXT }),
    ).toEqual([]);
  });
});

describe('checkEmail: links', () => {
  it.each([
    ['http://app.example.com/x', 'warning'],
    ['/settings', 'error'],
    ['//app.example.com/x', 'error'],
    ['#top', 'error'],
    ['javascript:alert(1)', 'error'],
    ['&#106;avascript:alert(1)', 'error'],
    ['java&#x09;script:alert(1)', 'error'],
    ['', 'error'],
    ['   ', 'error'],
    ['data:text/html,hi', 'error'],
    ['ftp://files.example.com/a', 'warning'],
  ])('flags href="%s" (%s)', (href, severity) => {
    const issues = issuesOf('link', { html: page(`<p><a href="${href}">x</a></p>`), text: TEXT });
    expect(issues.map((i) => i.severity)).toEqual([severity]);
  });

  it('accepts https links, mailto and an https unsubscribe; ignores anchors without href', () => {
    const html = page(
      '<a href="https://app.example.com/a?x=1&amp;y=2">a</a><a href="mailto:help@example.com">b</a>' +
        '<a href="https://app.example.com/unsubscribe?t=1">Unsubscribe</a><a name="top">c</a><abbr href="/x">d</abbr>',
    );
    expect(issuesOf('link', { html, text: TEXT })).toEqual([]);
  });
});

describe('checkEmail: plain text', () => {
  it.each([
    ['', 'error', 'Missing plain-text part'],
    ['  \n ', 'error', 'Missing plain-text part'],
    ['Hello <strong>Ada</strong>', 'error', 'Plain text contains HTML tags'],
    ['Hello<br/>Ada', 'error', 'Plain text contains HTML tags'],
    ['Hi\n.em-text{color:#fff !important}', 'warning', 'Plain text looks like it contains CSS'],
  ])('flags %j', (text, severity, message) => {
    const issues = issuesOf('plain-text', { html: page('<p>Hi</p>'), text });
    expect(issues.map((i) => [i.severity, i.message])).toEqual([[severity, message]]);
  });

  it('accepts text with angle-bracketed URLs and comparisons', () => {
    const text = 'Hi Ada,\n\nOpen <https://app.example.com/x> if 3 < 4 and 5 > 2.';
    expect(issuesOf('plain-text', { html: page('<p>Hi</p>'), text })).toEqual([]);
  });
});

describe('checkEmail: client support', () => {
  it('groups unsupported and partly supported features by client', () => {
    const html =
      '<html><head><style>@media (prefers-color-scheme: dark){.a{color:#fff}}</style></head>' +
      '<body><div style="display:flex">x</div></body></html>';
    const report = checkEmail({ html, text: TEXT });
    const flex = report.clientSupport.find((gap) => gap.feature === 'display:flex' && gap.support === 'none');
    expect(flex?.clients).toEqual(['outlook.windows', 'outlook.windows-mail']);
    const media = report.clientSupport.find((gap) => gap.feature === '@media' && gap.support === 'partial');
    expect(media?.clients).toContain('gmail.desktop-webmail');
    expect(media?.notes?.length).toBeGreaterThan(0);
    const clients = new Set(report.clientSupport.flatMap((gap) => gap.clients.map((c) => c.split('.')[0])));
    expect([...clients].sort()).toEqual(['gmail', 'outlook', 'yahoo']);
    const issues = report.issues.filter((issue) => issue.check === 'client-support');
    expect(issues).toHaveLength(report.clientSupport.length);
    expect(issues.find((i) => i.message.startsWith('display:flex is not supported'))?.severity).toBe(
      'warning',
    );
    expect(issues.every((i) => i.severity !== 'error')).toBe(true);
  });

  it('has nothing to say about a bare paragraph', () => {
    const report = checkEmail({
      html: '<p style="color:#111111">Hello <a href="https://a.example">x</a></p>',
      text: TEXT,
    });
    expect(report.clientSupport).toEqual([]);
    expect(report.issues).toEqual([]);
  });
});

describe('checkEmail on the templates', () => {
  it.each(TEMPLATE_NAMES)('%s has no errors in size, alt text, links or plain text', async (name) => {
    const email = await renderEmail(name, TEMPLATE_PREVIEW_PROPS[name]);
    const report = checkEmail(email);
    expect(report.sizeBytes).toBe(Buffer.byteLength(email.html));
    expect(report.sizeBytes).toBeLessThan(GMAIL_CLIP_BYTES * 0.8);
    const blocking = report.issues.filter(
      (issue) => issue.check !== 'client-support' && issue.severity !== 'info',
    );
    expect(blocking).toEqual([]);
    // The dark-mode rules are known to be partial in Gmail; seeing them proves caniemail looked at our HTML.
    expect(report.clientSupport.some((gap) => gap.feature === '@media')).toBe(true);
  });
});
