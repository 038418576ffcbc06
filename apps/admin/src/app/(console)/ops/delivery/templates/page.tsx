import type { Metadata } from 'next';
import { TemplatesView } from '~/components/delivery/templates-view';

export const metadata: Metadata = { title: 'Email templates' };

export default function EmailTemplatesPage() {
  return <TemplatesView />;
}
