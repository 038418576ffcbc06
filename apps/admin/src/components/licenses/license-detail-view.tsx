'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { detailState } from '~/components/kit/detail-states';
import { PageHeader } from '~/components/kit/page-header';
import { trpc } from '~/lib/trpc';
import { UserRef } from '../users/user-ref';
import { EditLicenseDialog } from './edit-license-dialog';
import { LicenseStatusBadge } from './license-badges';
import { LicenseDevicesCard } from './license-devices-card';
import { LicenseFactsCard } from './license-facts-card';
import { RevokeLicenseDialog } from './revoke-license-dialog';

export function LicenseDetailView({ id }: { id: string }) {
  const license = trpc.licenses.get.useQuery({ id });
  const [editing, setEditing] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const title = license.data ? `${license.data.keyPrefix}-…-${license.data.keySuffix}` : id;
  const breadcrumb = (
    <>
      <Link href="/licenses">Licenses</Link>
      <span aria-hidden="true">/</span>
      <span>{title}</span>
    </>
  );
  const state = detailState(license, {
    noun: 'License',
    breadcrumb,
    notFound: {
      title: 'This license does not exist in the selected product',
      body: (
        <>
          It may belong to another product. <Link href="/licenses">Back to licenses</Link>
        </>
      ),
    },
  });
  if (state || !license.data) return state;
  const data = license.data;
  return (
    <>
      <PageHeader
        title={title}
        description={
          <span className="row">
            License of <UserRef userId={data.userId} /> <LicenseStatusBadge status={data.status} />
          </span>
        }
        breadcrumb={breadcrumb}
        actions={
          data.status === 'revoked' ? null : (
            <>
              <Button onClick={() => setEditing(true)}>Edit</Button>
              <Button variant="danger" onClick={() => setRevoking(true)}>
                Revoke
              </Button>
            </>
          )
        }
      />
      <div className="grid">
        <LicenseFactsCard license={data} />
        <LicenseDevicesCard license={data} />
      </div>
      {editing ? <EditLicenseDialog license={data} open={editing} onClose={() => setEditing(false)} /> : null}
      <RevokeLicenseDialog license={revoking ? data : null} onClose={() => setRevoking(false)} />
    </>
  );
}
