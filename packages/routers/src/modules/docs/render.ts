import { Marked, type Token, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { MARKDOWN_SANITIZE } from '../changelog/render';
import type { TDocHeading } from './schema';

/**
 * A doc's Markdown to what the console shows: HTML through the changelog's allow-list, with an id on every
 * heading (for the table of contents and for links to a section), links to another doc (`other.md#part`)
 * pointing at `/docs/other#part`, and the doc cut into sections at its headings for the search index.
 */

const markdown = new Marked({ gfm: true, breaks: false, async: false });

/**
 * A link between docs as written in the repo: `procedure-naming.md`, `./architecture.md#data-rules`, the README's
 * `docs/architecture.md`, a doc's `../README.md#migrations` (the README is the doc `readme`).
 */
const DOC_LINK = /^(?:\.\.?\/)?(?:docs\/)?([a-z0-9][a-z0-9-]*)\.md(#[a-z0-9-]+)?$/i;

export const docHref = (href: string): string | null => {
  const trimmed = href.trim();
  if (/^(https?:|mailto:)/i.test(trimmed)) return trimmed;
  if (/^#[\w-]+$/.test(trimmed)) return trimmed;
  const doc = DOC_LINK.exec(trimmed);
  return doc ? `/docs/${doc[1]?.toLowerCase()}${doc[2] ?? ''}` : null;
};

const SANITIZE: sanitizeHtml.IOptions = {
  ...MARKDOWN_SANITIZE,
  allowedTags: [...(MARKDOWN_SANITIZE.allowedTags || []), 'h5', 'h6'],
  allowedAttributes: {
    ...MARKDOWN_SANITIZE.allowedAttributes,
    ...Object.fromEntries(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => [h, ['id']])),
    code: ['class'],
  },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  transformTags: {
    // Outside links open as they are; links between docs and to a section stay in the console; anything else
    // (javascript:, data:, a path into the repo the console cannot show) becomes its text.
    a: (tagName, attribs) => {
      const href = docHref(attribs.href ?? '');
      if (href === null) return { tagName: 'span', attribs: {} };
      const outside = /^(https?:|mailto:)/i.test(href);
      return { tagName, attribs: { ...attribs, href, ...(outside ? { rel: 'noopener noreferrer' } : {}) } };
    },
  },
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** What a piece of HTML reads as: tags dropped, entities decoded, spaces folded. */
export const htmlToText = (html: string): string =>
  sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();

/** GitHub-style anchors: lower case, punctuation dropped, spaces to dashes; a repeat gets `-2`, `-3`. */
export const createSlugger = () => {
  const seen = new Map<string, number>();
  return (text: string): string => {
    const base =
      text
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s-]/gu, '')
        .trim()
        .replace(/\s+/g, '-')
        .replace(/-+/g, '-')
        .replace(/^-|-$/g, '') || 'section';
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  };
};

export type DocSection = {
  /** `<slug>` for the text before the first `##`, else `<slug>#<heading id>`. */
  id: string;
  slug: string;
  /** The heading id the section starts at; null for the text before the first `##`. */
  anchor: string | null;
  docTitle: string;
  heading: string | null;
  text: string;
};

export type RenderedDoc = {
  title: string;
  headings: TDocHeading[];
  html: string;
  sections: DocSection[];
};

const isHeading = (token: Token): token is Tokens.Heading => token.type === 'heading';

export const renderDoc = (slug: string, source: string): RenderedDoc => {
  const tokens = markdown.lexer(source);
  const ids = new WeakMap<Tokens.Heading, string>();
  const slugger = createSlugger();
  const headings: TDocHeading[] = [];
  let title: string | null = null;
  // The callback is synchronous: walkTokens hands back nothing to wait for.
  void markdown.walkTokens(tokens, (token) => {
    if (!isHeading(token)) return;
    const text = htmlToText(markdown.parseInline(token.text, { async: false }));
    const id = slugger(text);
    ids.set(token, id);
    if (token.depth === 1 && title === null) title = text;
    else if (token.depth <= 3) headings.push({ id, text, depth: token.depth });
  });
  const renderer = new Marked({ gfm: true, breaks: false, async: false });
  renderer.use({
    renderer: {
      heading(token) {
        const id = ids.get(token);
        const inner = this.parser.parseInline(token.tokens);
        return `<h${token.depth}${id ? ` id="${id}"` : ''}>${inner}</h${token.depth}>\n`;
      },
    },
  });
  const render = (part: Token[]) =>
    sanitizeHtml(renderer.parser(Object.assign(part, { links: tokens.links })), SANITIZE).trim();
  const docTitle = title ?? slug;

  // Sections: a new one at every top-level heading of depth 2 or 3.
  const sections: DocSection[] = [];
  let current: { anchor: string | null; heading: string | null; tokens: Token[] } = {
    anchor: null,
    heading: null,
    tokens: [],
  };
  const close = () => {
    const text = htmlToText(render(current.tokens));
    if (text === '' && current.anchor === null) return;
    sections.push({
      id: current.anchor ? `${slug}#${current.anchor}` : slug,
      slug,
      anchor: current.anchor,
      docTitle,
      heading: current.heading,
      text,
    });
  };
  for (const token of tokens) {
    if (isHeading(token) && token.depth >= 2 && token.depth <= 3) {
      close();
      const anchor = ids.get(token) ?? null;
      current = { anchor, heading: headings.find((h) => h.id === anchor)?.text ?? null, tokens: [] };
    } else if (!(isHeading(token) && token.depth === 1)) {
      current.tokens.push(token);
    }
  }
  close();

  return { title: docTitle, headings, html: render(tokens), sections };
};
