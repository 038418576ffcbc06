import { PageHeader } from '~/components/kit/page-header';
import { TabNav } from '~/components/kit/tab-nav';

export type FeedbackTab = 'inbox' | 'nps';

const DESCRIPTIONS: Record<FeedbackTab, string> = {
  inbox:
    'Bug reports, feature requests, NPS answers and notes sent from the apps of this product. Convert one into a tracker item, reply by email or dismiss it.',
  nps: 'Net Promoter Score per ISO week: % promoters (9–10) minus % detractors (0–6), with the distribution of scores and what each segment says.',
};

export function FeedbackHeader({ tab }: { tab: FeedbackTab }) {
  return (
    <>
      <PageHeader title="Feedback" description={DESCRIPTIONS[tab]} />
      <TabNav
        label="Feedback views"
        tabs={[
          { href: '/feedback', label: 'Inbox', current: tab === 'inbox' },
          { href: '/feedback/nps', label: 'NPS dashboard', current: tab === 'nps' },
        ]}
      />
    </>
  );
}
