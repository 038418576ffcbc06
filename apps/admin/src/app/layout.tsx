import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '~/components/providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'ByteLyst Console', template: '%s · ByteLyst Console' },
  description: 'Operate the ByteLyst platform: users, products, API tokens and the audit log.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
