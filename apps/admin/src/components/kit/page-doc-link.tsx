'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { docOfPath } from '~/components/shell/page-docs';
import { docHref } from '~/lib/search-results';
import { Icon } from './icon';

/** The header's "Docs" link: to the section the page names, else to the one its console area has. */
export function PageDocLink({ doc }: { doc?: string }) {
  const pathname = usePathname();
  const section = doc ?? docOfPath(pathname);
  if (!section) return null;
  const [slug = '', anchor] = section.split('#');
  return (
    <Link className="page-doc-link" href={docHref(slug, anchor)} title={`Docs: ${section}`}>
      <Icon name="book" size={14} />
      Docs
    </Link>
  );
}
