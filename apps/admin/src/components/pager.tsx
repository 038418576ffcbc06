import { Button } from './button';
import { Icon } from './icon';

type Props = {
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  shown: number;
  total?: number | undefined;
  noun: string;
};

export function Pager({ page, hasPrevious, hasNext, onPrevious, onNext, shown, total, noun }: Props) {
  return (
    <div className="table-footer">
      <span aria-live="polite">
        Page {page} · {shown} shown{total === undefined ? '' : ` of ${total.toLocaleString()} ${noun}`}
      </span>
      <div className="btn-group">
        <Button size="sm" onClick={onPrevious} disabled={!hasPrevious}>
          <Icon name="left" size={14} />
          Previous
        </Button>
        <Button size="sm" onClick={onNext} disabled={!hasNext}>
          Next
          <Icon name="right" size={14} />
        </Button>
      </div>
    </div>
  );
}
