import type { Metadata } from 'next';
import { CatalogueView } from '~/components/events/catalogue-view';

export const metadata: Metadata = { title: 'Event catalogue' };

export default function CataloguePage() {
  return <CatalogueView />;
}
