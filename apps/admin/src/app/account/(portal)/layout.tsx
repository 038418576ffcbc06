import type { ReactNode } from 'react';
import { PortalFrame } from '~/components/account/portal-frame';

export default function PortalLayout({ children }: { children: ReactNode }) {
  return <PortalFrame>{children}</PortalFrame>;
}
