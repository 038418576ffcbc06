'use client';

import { DataExportSection } from './data-export-section';
import { DeletionSection } from './deletion-section';
import { useAccountQuery } from './providers';
import { QueryBody } from './section';

/** The user's data rights: an archive of everything held about them, and deleting the account. */
export function DataSection() {
  const me = useAccountQuery(['me'], (trpc) => trpc.account.getMine.query());
  return (
    <>
      <DataExportSection />
      <QueryBody
        query={me}
        label="your account"
        render={(user) => <DeletionSection scheduledFor={user.deletionScheduledFor} />}
      />
    </>
  );
}
