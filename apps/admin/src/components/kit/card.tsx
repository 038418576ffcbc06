import type { ReactNode } from 'react';

type Props = {
  /** Ties the section's accessible name to its heading. */
  titleId: string;
  title: string;
  subtitle?: ReactNode;
  /** Buttons at the right of the header. */
  actions?: ReactNode;
  className?: string;
  bodyClassName?: string;
  children: ReactNode;
  /** Rendered inside the section after the body, e.g. a dialog the card opens. */
  after?: ReactNode;
};

/** A titled card section: header with heading (and optional subtitle and actions), then body. */
export function Card({
  titleId,
  title,
  subtitle,
  actions,
  className,
  bodyClassName,
  children,
  after,
}: Props) {
  const heading = (
    <h2 className="card-title" id={titleId}>
      {title}
    </h2>
  );
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={titleId}>
      <div className="card-header">
        {subtitle ? (
          <div>
            {heading}
            <p className="card-subtitle">{subtitle}</p>
          </div>
        ) : (
          heading
        )}
        {actions}
      </div>
      <div className={bodyClassName ? `card-body ${bodyClassName}` : 'card-body'}>{children}</div>
      {after}
    </section>
  );
}
