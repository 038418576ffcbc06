import { z } from 'zod';

/** A doc's name: its file name without `.md`, lower case; nothing that could leave the docs directory. */
export const DOC_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;

export const ZDocSlug = z
  .string()
  .regex(DOC_SLUG_PATTERN, 'A doc slug is lower-case letters, digits and dashes (the file name without .md)');

export const ZDocGetInput = z.object({ slug: ZDocSlug });

export const ZDocHeading = z.object({
  /** The heading's anchor: slugified text, unique within the doc, stable while the text is. */
  id: z.string(),
  text: z.string(),
  depth: z.number().int().min(1).max(6),
});
export type TDocHeading = z.infer<typeof ZDocHeading>;

export const ZDocSummary = z.object({
  slug: z.string(),
  /** The first `#` heading, else the slug. */
  title: z.string(),
  /** The `##` and `###` headings, in order: the table of contents. */
  headings: z.array(ZDocHeading),
  /** Where it is read from, as a person names it: `docs/architecture.md`, `README.md`. */
  source: z.string(),
  updatedAt: z.string(),
});
export type TDocSummary = z.infer<typeof ZDocSummary>;

export const ZDocListOutput = z.object({ items: z.array(ZDocSummary) });

export const ZDoc = ZDocSummary.extend({
  /** Rendered and sanitised: no script, style or event attributes; links to other docs point at /docs/<slug>. */
  html: z.string(),
});
export type TDoc = z.infer<typeof ZDoc>;
