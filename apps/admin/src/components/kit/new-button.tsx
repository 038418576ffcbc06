import { Button } from './button';
import { Icon } from './icon';

/** The primary "New …" button in a page header that opens a create dialog. */
export function NewButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button variant="primary" onClick={onClick}>
      <Icon name="plus" size={14} />
      {label}
    </Button>
  );
}
