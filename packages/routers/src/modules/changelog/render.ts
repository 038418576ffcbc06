import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown to HTML that a browser, a webview or a mail client can show as it is: marked renders (GFM), then
 * sanitize-html keeps only an allow-list. Raw HTML in the Markdown passes through marked, so the allow-list is
 * the only guard: no script or style (their content goes too), no `on*` attributes, only http(s) and mailto
 * links, images over https only. Links get `rel="noopener noreferrer"`.
 */

const markdown = new Marked({ gfm: true, breaks: false, async: false });

/** The allow-list; the docs module extends it (heading ids, links between docs). */
export const MARKDOWN_SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'span',
    'h1',
    'h2',
    'h3',
    'h4',
    'p',
    'br',
    'hr',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // A link to anything but http(s) or mail (javascript:, data:, a relative path a client cannot resolve)
    // becomes its text, rather than an anchor that looks like a link and goes nowhere.
    a: (tagName, attribs) =>
      /^(https?:|mailto:)/i.test((attribs.href ?? '').trim())
        ? { tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }
        : { tagName: 'span', attribs: {} },
  },
};

export const renderMarkdown = (body: string): string =>
  sanitizeHtml(markdown.parse(body, { async: false }), MARKDOWN_SANITIZE).trim();
