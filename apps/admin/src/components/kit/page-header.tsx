import Link from 'next/link';
import type { ReactNode } from 'react';
import { docHref } from '~/lib/search-results';
import { Icon } from './icon';

export function PageHeader({
  title,
  description,
  actions,
  breadcrumb,
  doc,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  breadcrumb?: ReactNode;
  /** The doc section about this page, `<slug>#<heading id>` (`architecture#the-module-contract`): a "Docs" link. */
  doc?: string;
}) {
  const [slug = '', anchor] = doc?.split('#') ?? [];
  return (
    <header className="page-header">
      <div>
        {breadcrumb ? (
          <nav className="breadcrumb" aria-label="Breadcrumb">
            {breadcrumb}
          </nav>
        ) : null}
        <div className="page-title-row">
          <h1 className="page-title">{title}</h1>
          {doc ? (
            <Link className="page-doc-link" href={docHref(slug, anchor)} title={`Docs: ${doc}`}>
              <Icon name="book" size={14} />
              Docs
            </Link>
          ) : null}
        </div>
        {description ? <p className="page-description">{description}</p> : null}
      </div>
      {actions ? <div className="btn-group">{actions}</div> : null}
    </header>
  );
}
