/** The portal's sections, in the order its navigation lists them. */
export const ACCOUNT_SECTIONS = [
  { href: '/account', label: 'Profile' },
  { href: '/account/security', label: 'Password and email' },
  { href: '/account/subscription', label: 'Subscription' },
  { href: '/account/usage', label: 'Usage' },
  { href: '/account/licenses', label: 'Licenses' },
  { href: '/account/sessions', label: 'Sessions' },
  { href: '/account/notifications', label: 'Notifications' },
  { href: '/account/settings', label: 'Settings' },
  { href: '/account/data', label: 'Your data' },
] as const;

/** The section a path belongs to (the longest matching href). */
export const currentSection = (pathname: string): string =>
  ACCOUNT_SECTIONS.filter((s) => pathname === s.href || pathname.startsWith(`${s.href}/`)).sort(
    (a, b) => b.href.length - a.href.length,
  )[0]?.href ?? '/account';
