'use client';

import { useSession, useSignOut } from '@bytelyst/client/react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { Button } from '~/components/kit/button';
import styles from './account.module.css';
import { ACCOUNT_SECTIONS, currentSection } from './nav';
import { useAccountQuery } from './providers';

/** The product's name for the header (products.getCurrent is public); its id until it answers. */
export function useProductName(): string {
  const product = useAccountQuery(['product'], (trpc) => trpc.products.getCurrent.query());
  return product.data?.name ?? 'Your product';
}

function UserMenu(props: { name: string; email: string }) {
  // The profile as last loaded: a renamed user sees the new name here at once.
  const me = useAccountQuery(['me'], (trpc) => trpc.account.getMine.query());
  const name = me.data?.name ?? props.name;
  const email = me.data?.email ?? props.email;
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const { signOut, pending } = useSignOut();
  return (
    <div className={styles.userMenu}>
      <button
        type="button"
        className={styles.userButton}
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className={styles.avatar} aria-hidden="true">
          {(name || email).slice(0, 1).toUpperCase()}
        </span>
        {name}
      </button>
      {open ? (
        <div id={menuId} className={styles.userPanel}>
          <p className={styles.muted}>{email}</p>
          <Button size="sm" loading={pending} onClick={() => void signOut().catch(() => undefined)}>
            Sign out
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/**
 * The portal's frame: the product's name and the user's menu on top, the sections beside the page. Only a
 * signed-in session sees it; anyone else goes to the portal's sign-in and comes back afterwards.
 */
export function PortalFrame({ children }: { children: ReactNode }) {
  const session = useSession();
  const router = useRouter();
  const pathname = usePathname();
  const productName = useProductName();
  const signedOut = session.status === 'signed_out';

  useEffect(() => {
    if (signedOut) router.replace(`/account/sign-in?next=${encodeURIComponent(pathname)}`);
  }, [signedOut, router, pathname]);

  if (session.status !== 'signed_in' || !session.user) {
    return (
      <main className={styles.centered}>
        {session.error ? (
          <div className="alert alert-error" role="alert">
            {session.error.message}
          </div>
        ) : (
          <p role="status">{signedOut ? 'Taking you to sign in…' : 'Checking your session…'}</p>
        )}
      </main>
    );
  }
  const current = currentSection(pathname);
  return (
    <div className={styles.portal}>
      <header className={styles.header}>
        <Link href="/account" className={styles.brand}>
          <span className={styles.brandMark} aria-hidden="true">
            {productName.slice(0, 1).toUpperCase()}
          </span>
          <span>
            {productName} <span className={styles.muted}>account</span>
          </span>
        </Link>
        <UserMenu name={session.user.name} email={session.user.email} />
      </header>
      <div className={styles.body}>
        <nav className={styles.nav} aria-label="Account sections">
          {ACCOUNT_SECTIONS.map((section) => (
            <Link
              key={section.href}
              href={section.href}
              className={styles.navLink}
              aria-current={section.href === current ? 'page' : undefined}
            >
              {section.label}
            </Link>
          ))}
        </nav>
        <main className={styles.main}>{children}</main>
      </div>
    </div>
  );
}
