import { CommandPalette } from './command-palette';
import { ProductSwitcher } from './product-switcher';
import { RecordSearch } from './record-search';
import styles from './shell-bar.module.css';
import { UserMenu } from './user-menu';

export function Topbar() {
  return (
    <header className="topbar">
      <div className={`topbar-group ${styles.leftGroup}`}>
        <ProductSwitcher />
        <RecordSearch />
        <CommandPalette />
      </div>
      <div className="topbar-group">
        <UserMenu />
      </div>
    </header>
  );
}
