import { caniemail } from 'caniemail';

/** Gmail hides everything after this many bytes of HTML behind "[Message clipped]". */
export const GMAIL_CLIP_BYTES = 102 * 1024;
const SIZE_WARNING_RATIO = 0.8;

type ClientGlob = Parameters<typeof caniemail>[0]['clients'][number];
/** The clients most of our recipients read mail in. */
export const CHECKED_CLIENTS: ClientGlob[] = ['gmail.*', 'apple-mail.*', 'outlook.*', 'yahoo.*'];

export type EmailCheck = 'size' | 'image-alt' | 'link' | 'plain-text' | 'client-support';
export type EmailCheckSeverity = 'error' | 'warning' | 'info';
export type EmailCheckIssue = {
  check: EmailCheck;
  severity: EmailCheckSeverity;
  message: string;
  detail?: string;
};
/** One feature with the same level of support in several clients. */
export type ClientSupportGap = {
  feature: string;
  clients: string[];
  support: 'none' | 'partial';
  notes?: string[];
};
export type EmailCheckReport = {
  sizeBytes: number;
  gmailClipBytes: number;
  issues: EmailCheckIssue[];
  clientSupport: ClientSupportGap[];
};

/** Local checks of a rendered email (no network): size, image alt text, links, plain text, client support. */
export function checkEmail(email: { html: string; text: string }): EmailCheckReport {
  const sizeBytes = Buffer.byteLength(email.html, 'utf8');
  const clientSupport = clientSupportOf(email.html);
  const issues = [
    ...checkSize(sizeBytes),
    ...checkImages(email.html),
    ...checkLinks(email.html),
    ...checkPlainText(email.text),
    ...clientSupport.map(
      (gap): EmailCheckIssue => ({
        check: 'client-support',
        // What clients do not support degrades the look, it does not break the mail: never an error.
        severity: gap.support === 'none' ? 'warning' : 'info',
        message: `${gap.feature} is ${gap.support === 'none' ? 'not supported' : 'only partly supported'} in ${gap.clients.join(', ')}`,
        ...(gap.notes === undefined ? {} : { detail: gap.notes.join(' ') }),
      }),
    ),
  ];
  return { sizeBytes, gmailClipBytes: GMAIL_CLIP_BYTES, issues, clientSupport };
}

function checkSize(sizeBytes: number): EmailCheckIssue[] {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  if (sizeBytes > GMAIL_CLIP_BYTES) {
    return [
      {
        check: 'size',
        severity: 'error',
        message: `HTML is ${kb(sizeBytes)}: Gmail clips messages over ${kb(GMAIL_CLIP_BYTES)}`,
      },
    ];
  }
  if (sizeBytes > GMAIL_CLIP_BYTES * SIZE_WARNING_RATIO) {
    return [
      {
        check: 'size',
        severity: 'warning',
        message: `HTML is ${kb(sizeBytes)}, over ${SIZE_WARNING_RATIO * 100}% of Gmail's ${kb(GMAIL_CLIP_BYTES)} clipping limit`,
      },
    ];
  }
  return [];
}

function checkImages(html: string): EmailCheckIssue[] {
  const issues: EmailCheckIssue[] = [];
  for (const tag of tagsOf(html, 'img')) {
    const src = tag.attributes.src ?? '(no src)';
    const alt = tag.attributes.alt;
    if (alt === undefined) {
      issues.push({ check: 'image-alt', severity: 'error', message: 'Image without alt text', detail: src });
    } else if (alt.trim() === '') {
      issues.push({
        check: 'image-alt',
        severity: 'info',
        message: 'Image with empty alt text: fine if it is decorative',
        detail: src,
      });
    }
  }
  return issues;
}

function checkLinks(html: string): EmailCheckIssue[] {
  const issues: EmailCheckIssue[] = [];
  const seen = new Set<string>();
  for (const tag of [...tagsOf(html, 'a'), ...tagsOf(html, 'area')]) {
    const href = tag.attributes.href;
    if (href === undefined) continue; // an anchor without href is not a link
    if (seen.has(href)) continue;
    seen.add(href);
    const problem = linkProblem(href);
    if (problem !== undefined) issues.push({ check: 'link', ...problem, detail: href });
  }
  return issues;
}

function linkProblem(href: string): Pick<EmailCheckIssue, 'severity' | 'message'> | undefined {
  // Browsers drop whitespace and control characters inside a scheme (`java\tscript:`), so we do too.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  const compact = href.replace(/[\u0000-\u0020]/g, '');
  if (compact === '') return { severity: 'error', message: 'Link with an empty href' };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
  if (scheme === undefined)
    return { severity: 'error', message: 'Relative link: mail clients have no base URL' };
  if (scheme === 'mailto') return undefined;
  if (scheme === 'https') {
    return URL.canParse(compact) ? undefined : { severity: 'error', message: 'Malformed https link' };
  }
  if (scheme === 'http') return { severity: 'warning', message: 'Link is http, not https' };
  if (scheme === 'javascript' || scheme === 'data' || scheme === 'vbscript') {
    return { severity: 'error', message: `${scheme}: link: clients strip or block it` };
  }
  return { severity: 'warning', message: `Link uses ${scheme}:, not https` };
}

function checkPlainText(text: string): EmailCheckIssue[] {
  if (text.trim() === '') {
    return [{ check: 'plain-text', severity: 'error', message: 'Missing plain-text part' }];
  }
  const issues: EmailCheckIssue[] = [];
  const tag = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/i.exec(text);
  if (tag !== null) {
    issues.push({
      check: 'plain-text',
      severity: 'error',
      message: 'Plain text contains HTML tags',
      detail: tag[0],
    });
  }
  const css = /[^\s{}][^{}\n]*\{[^{}]*[a-z-]+\s*:[^{}]*\}/i.exec(text);
  if (css !== null) {
    issues.push({
      check: 'plain-text',
      severity: 'warning',
      message: 'Plain text looks like it contains CSS',
      detail: css[0],
    });
  }
  return issues;
}

function clientSupportOf(html: string): ClientSupportGap[] {
  if (html.trim() === '') return [];
  const { issues } = caniemail({ html, clients: CHECKED_CLIENTS });
  const gaps = new Map<
    string,
    { feature: string; support: 'none' | 'partial'; clients: Set<string>; notes: Set<string> }
  >();
  const add = (client: string, title: string, support: 'none' | 'partial', notes: string[]) => {
    const key = `${support}\u0000${title}`;
    let gap = gaps.get(key);
    if (gap === undefined) {
      gap = { feature: title, support, clients: new Set(), notes: new Set() };
      gaps.set(key, gap);
    }
    gap.clients.add(client);
    for (const note of notes) gap.notes.add(note);
  };
  for (const [client, list] of issues.errors)
    for (const issue of list) add(client, issue.title, 'none', issue.notes);
  for (const [client, list] of issues.warnings)
    for (const issue of list) add(client, issue.title, 'partial', issue.notes);
  return [...gaps.values()]
    .map(
      (gap): ClientSupportGap => ({
        feature: gap.feature,
        clients: [...gap.clients].sort(),
        support: gap.support,
        ...(gap.notes.size === 0 ? {} : { notes: [...gap.notes] }),
      }),
    )
    .sort((a, b) =>
      a.support === b.support ? a.feature.localeCompare(b.feature) : a.support === 'none' ? -1 : 1,
    );
}

type Tag = { attributes: Record<string, string> };

const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Start tags named `name` with their attributes, entity-decoded. Enough for markup we or react-email emit. */
function tagsOf(html: string, name: string): Tag[] {
  const tags: Tag[] = [];
  for (const match of html.matchAll(new RegExp(`<${name}(?=[\\s/>])([^>]*)>`, 'gi'))) {
    const attributes: Record<string, string> = {};
    for (const [, key, double, single, bare] of (match[1] ?? '').matchAll(ATTRIBUTE)) {
      if (key === undefined) continue;
      attributes[key.toLowerCase()] = decodeEntities(double ?? single ?? bare ?? '');
    }
    tags.push({ attributes });
  }
  return tags;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  colon: ':',
  tab: '\t',
  newline: '\n',
};

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? Number.parseInt(body.slice(2), 16)
          : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}
