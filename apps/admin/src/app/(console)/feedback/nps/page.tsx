import type { Metadata } from 'next';
import { NPS_INPUT } from '~/components/feedback/feedback-list';
import { NpsView } from '~/components/feedback/nps-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'NPS dashboard' };

export default function NpsPage() {
  return (
    <Prefetched queries={[{ path: 'feedback.stats', input: NPS_INPUT }]}>
      <NpsView />
    </Prefetched>
  );
}
