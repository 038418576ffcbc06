/** Atom 1.0 (RFC 4287) documents for the public feeds (status page, changelog). */

export const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (char) =>
    char === '<'
      ? '&lt;'
      : char === '>'
        ? '&gt;'
        : char === '&'
          ? '&amp;'
          : char === '"'
            ? '&quot;'
            : '&apos;',
  );

export type AtomEntry = {
  /** A permanent IRI; also the entry's alternate link. */
  id: string;
  title: string;
  published: string;
  updated: string;
  /** HTML content, escaped into the document here. */
  html: string;
  categories?: readonly string[];
};

/** A feed of `entries` as given (the caller orders and caps them); `updated` is the newest entry's. */
export const atomDocument = (feed: {
  id: string;
  title: string;
  selfUrl: string;
  pageUrl: string;
  author: string;
  generatedAt: string;
  entries: readonly AtomEntry[];
}): string => {
  const updated = feed.entries.reduce(
    // biome-ignore lint/complexity/useMathMinMax: ISO timestamps compared as strings; Math.max would make numbers of them
    (latest, entry) => (entry.updated > latest ? entry.updated : latest),
    feed.entries.length > 0 ? '' : feed.generatedAt,
  );
  const body = feed.entries
    .map(
      (entry) => `  <entry>
    <id>${escapeXml(entry.id)}</id>
    <title>${escapeXml(entry.title)}</title>
    <link rel="alternate" href="${escapeXml(entry.id)}"/>
${(entry.categories ?? []).map((term) => `    <category term="${escapeXml(term)}"/>\n`).join('')}    <published>${entry.published}</published>
    <updated>${entry.updated}</updated>
    <content type="html">${escapeXml(entry.html)}</content>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(feed.id)}</id>
  <title>${escapeXml(feed.title)}</title>
  <link rel="self" href="${escapeXml(feed.selfUrl)}"/>
  <link rel="alternate" href="${escapeXml(feed.pageUrl)}"/>
  <updated>${updated}</updated>
  <author><name>${escapeXml(feed.author)}</name></author>
${body}
</feed>
`;
};
