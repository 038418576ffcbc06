'use client';

import { useState } from 'react';
import { Button } from './button';
import { Icon } from './icon';

/** Which rows of a table are expanded, by id. */
export function useExpandedRows() {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return { isOpen: (id: string) => open.has(id), toggle };
}

/** The chevron that opens a row's details (`controls`: the id of the details row while it is shown). */
export function ExpandButton({
  expanded,
  controls,
  label,
  onToggle,
}: {
  expanded: boolean;
  controls: string;
  label: string;
  onToggle: () => void;
}) {
  return (
    <Button
      size="sm"
      variant="ghost"
      className={expanded ? 'btn-chevron btn-chevron-open' : 'btn-chevron'}
      aria-expanded={expanded}
      aria-controls={expanded ? controls : undefined}
      aria-label={label}
      onClick={onToggle}
    >
      <Icon name="down" size={14} />
    </Button>
  );
}
