'use client';

import type { TRateLimitStats } from '@bytelyst/routers/modules/ratelimit/schema';
import { useState } from 'react';
import { PageHeader } from '~/components/kit/page-header';
import { useNow } from '~/hooks/use-now';
import { EMPTY_IP_RULE, IpRuleDialog, type IpRuleDraft } from './ip-rule-dialog';
import { IpRulesCard } from './ip-rules-card';
import { OffendersCard } from './offenders-card';
import { draftOfOverride, EMPTY_OVERRIDE, OverrideDialog, type OverrideDraft } from './override-dialog';
import { OverridesCard } from './overrides-card';
import { RulesCard } from './rules-card';
import { StatsPanel } from './stats-panel';

type TOffender = TRateLimitStats['top'][number];

/** /ops/rate-limits: who is being refused right now, and the rules, overrides and IP rules behind it. */
export function RateLimitsView() {
  const now = useNow();
  const [ipDraft, setIpDraft] = useState<IpRuleDraft | null>(null);
  const [overrideDraft, setOverrideDraft] = useState<OverrideDraft | null>(null);
  const block = (offender: TOffender) =>
    setIpDraft({
      ...EMPTY_IP_RULE,
      cidr: offender.ip,
      reason: `Over '${offender.ruleName}' ${offender.count} times`,
    });
  const override = (offender: TOffender) =>
    setOverrideDraft({ ...EMPTY_OVERRIDE, userId: offender.userId ?? '', ruleId: offender.ruleId ?? '' });

  return (
    <>
      <PageHeader
        title="Rate limits"
        description="Requests refused by rate limits (429) and IP rules (403) on the tRPC and REST faces, the clients behind them, and the rules."
      />
      <StatsPanel />
      <OffendersCard now={now} onBlock={block} onOverride={override} />
      <RulesCard now={now} />
      <IpRulesCard now={now} onAdd={() => setIpDraft(EMPTY_IP_RULE)} />
      <OverridesCard
        now={now}
        onAdd={() => setOverrideDraft(EMPTY_OVERRIDE)}
        onEdit={(existing) => setOverrideDraft(draftOfOverride(existing))}
      />
      <IpRuleDialog
        open={ipDraft !== null}
        initial={ipDraft ?? EMPTY_IP_RULE}
        onClose={() => setIpDraft(null)}
      />
      <OverrideDialog
        open={overrideDraft !== null}
        initial={overrideDraft ?? EMPTY_OVERRIDE}
        onClose={() => setOverrideDraft(null)}
      />
    </>
  );
}
