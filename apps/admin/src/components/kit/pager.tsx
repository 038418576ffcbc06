import type { ListPager } from '~/hooks/use-list-state';
import { Button } from './button';
import { Icon } from './icon';

type Props = {
  pager: ListPager;
  /** The current page as the list query returned it, if it has loaded. */
  data: { items: readonly unknown[]; nextCursor?: string | null | undefined } | undefined;
  total?: number | undefined;
  noun: string;
};

export function Pager({ pager, data, total, noun }: Props) {
  return (
    <div className="table-footer">
      <span aria-live="polite">
        Page {pager.page} · {data?.items.length ?? 0} shown
        {total === undefined ? '' : ` of ${total.toLocaleString()} ${noun}`}
      </span>
      <div className="btn-group">
        <Button size="sm" onClick={pager.previous} disabled={!pager.hasPrevious}>
          <Icon name="left" size={14} />
          Previous
        </Button>
        <Button size="sm" onClick={() => pager.next(data?.nextCursor)} disabled={!data?.nextCursor}>
          Next
          <Icon name="right" size={14} />
        </Button>
      </div>
    </div>
  );
}
