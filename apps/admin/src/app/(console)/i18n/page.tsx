import type { Metadata } from 'next';
import { I18nView } from '~/components/i18n/i18n-view';

export const metadata: Metadata = { title: 'Localization' };

export default function I18nPage() {
  return <I18nView />;
}
