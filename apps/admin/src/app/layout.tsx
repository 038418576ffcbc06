import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '~/components/providers';
import './globals.css';
import '~/components/kit/styles/shell.css';
import '~/components/kit/styles/buttons.css';
import '~/components/kit/styles/forms.css';
import '~/components/kit/styles/cards.css';
import '~/components/kit/styles/tables.css';
import '~/components/kit/styles/badges.css';
import '~/components/kit/styles/overlays.css';
import '~/components/kit/styles/layout.css';
import '~/components/kit/styles/details.css';

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
