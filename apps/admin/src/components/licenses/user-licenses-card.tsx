'use client';

import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { tableStateOf } from '~/components/kit/data-table';
import { Icon } from '~/components/kit/icon';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { GenerateLicenseDialog } from './generate-license-dialog';
import { USER_LICENSES_LIST, userLicensesListInput } from './licenses-list';
import { LicensesTable } from './licenses-table';

/** A user's licenses, for the user detail page, with a generate button bound to the user. */
export function UserLicensesCard({ userId }: { userId: string }) {
  const [generating, setGenerating] = useState(false);
  const { pager, page } = useListState(USER_LICENSES_LIST);
  const list = trpc.licenses.list.useQuery(userLicensesListInput(userId, page), KEEP_PREVIOUS);
  return (
    <Card
      titleId="user-licenses-title"
      title="Licenses"
      subtitle="Keys issued to this user and the devices they are active on"
      bodyClassName="card-body-flush"
      actions={
        <Button size="sm" onClick={() => setGenerating(true)}>
          <Icon name="plus" size={14} />
          Generate key
        </Button>
      }
      after={<GenerateLicenseDialog open={generating} onClose={() => setGenerating(false)} userId={userId} />}
    >
      <LicensesTable
        licenses={list.data?.items ?? []}
        hideUser
        emptyHint="This user has no license keys."
        {...tableStateOf(list)}
      />
      {list.data && (list.data.nextCursor || pager.hasPrevious) ? (
        <Pager pager={pager} data={list.data} total={list.data.total} noun="licenses" />
      ) : null}
    </Card>
  );
}
