import type { ReactNode } from 'react';
import { PageDocLink } from './page-doc-link';

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
  /**
   * The doc section about this page, `<slug>#<heading id>` (`architecture#the-module-contract`), for the "Docs"
   * link; without it, the section of the page's console area (shell/page-docs.ts), if it has one.
   */
  doc?: string;
}) {
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
          <PageDocLink doc={doc} />
        </div>
        {description ? <p className="page-description">{description}</p> : null}
      </div>
      {actions ? <div className="btn-group">{actions}</div> : null}
    </header>
  );
}
