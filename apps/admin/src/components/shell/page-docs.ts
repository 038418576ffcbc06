/**
 * The doc section about each console area, `<slug>#<heading id>`: the README (slug `readme`, the operator's guide)
 * or a file of docs/. A page's header links to the section of the longest path that holds it; a page may name
 * another section itself (PageHeader's `doc`). `page-docs.test.ts` checks that every section exists.
 */
export const PAGE_DOCS: Readonly<Record<string, string>> = {
  '/analytics': 'readme#analytics',
  '/orgs': 'readme#organizations-and-teams',
  '/settings/sso': 'readme#single-sign-on',
  '/me/sessions': 'readme#sessions-and-devices',
  '/billing/dunning': 'readme#billing-dunning',
  '/billing/promos': 'readme#promo-codes',
  '/experiments': 'readme#experiments',
  '/feedback': 'readme#feedback-and-nps',
  '/content/changelog': 'readme#changelog',
  '/i18n': 'readme#localization',
  '/themes': 'readme#themes-and-design-tokens',
  '/tracker': 'readme#public-roadmap',
  '/audit': 'readme#how-a-request-flows',
  '/ops/events': 'readme#event-timeline-and-cross-channel-recovery',
  '/ops/webhooks': 'readme#outgoing-webhooks',
  '/ops/jobs': 'architecture#how-a-job-flows',
  '/ops/exports': 'readme#exports-and-bulk-operations',
  '/ops/retention': 'readme#retention-and-legal-holds',
  '/ops/delivery': 'readme#delivery',
  '/ops/maintenance': 'readme#maintenance-mode',
  '/ops/status': 'readme#status-page',
  '/ops/rate-limits': 'readme#rate-limits-and-ip-rules',
  '/ops/api-versions': 'readme#api-versioning',
  '/ops/migrations': 'readme#migrations',
  '/ops/backups': 'readme#backup-and-restore',
  '/ops/secrets': 'readme#secrets',
};

/** The doc section of the page at `pathname`: the entry of the longest path that holds it, if any. */
export const docOfPath = (pathname: string): string | undefined => {
  let best: string | undefined;
  for (const prefix of Object.keys(PAGE_DOCS)) {
    const holds = pathname === prefix || pathname.startsWith(`${prefix}/`);
    if (holds && (best === undefined || prefix.length > best.length)) best = prefix;
  }
  return best === undefined ? undefined : PAGE_DOCS[best];
};
