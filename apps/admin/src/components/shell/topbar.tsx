import { CommandPalette } from './command-palette';
import { ProductSwitcher } from './product-switcher';
import { UserMenu } from './user-menu';

export function Topbar() {
  return (
    <header className="topbar">
      <div className="topbar-group">
        <ProductSwitcher />
        <CommandPalette />
      </div>
      <div className="topbar-group">
        <UserMenu />
      </div>
    </header>
  );
}
