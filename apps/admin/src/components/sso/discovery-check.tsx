'use client';

import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

/** "Test discovery": fetches the issuer's OpenID metadata through the API and shows what a sign-in would use. */
export function DiscoveryCheck({ issuer }: { issuer: string }) {
  const discover = trpc.sso.providers.discover.useMutation();
  const found = discover.data;
  const stale = found !== undefined && discover.variables?.issuer !== issuer.trim();
  return (
    <div className="stack">
      <div className="row">
        <Button
          size="sm"
          loading={discover.isPending}
          disabled={!issuer.trim()}
          onClick={() => discover.mutate({ issuer: issuer.trim() })}
        >
          Test discovery
        </Button>
        {stale ? <span className="muted">Issuer changed since the last test.</span> : null}
      </div>
      {discover.error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(discover.error)}
        </div>
      ) : null}
      {found && !stale ? (
        <dl className="dl dl-narrow" aria-label="Discovered metadata">
          <dt>Issuer</dt>
          <dd>
            <code>{found.issuer}</code>
          </dd>
          <dt>Authorization</dt>
          <dd>
            <code>{found.authorizationEndpoint}</code>
          </dd>
          <dt>Token</dt>
          <dd>
            {found.tokenEndpoint ? <code>{found.tokenEndpoint}</code> : <Badge tone="danger">Missing</Badge>}
          </dd>
          <dt>Signing keys</dt>
          <dd>{found.jwksUri ? <code>{found.jwksUri}</code> : <Badge tone="danger">Missing</Badge>}</dd>
          <dt>PKCE S256</dt>
          <dd>
            <Badge tone={found.supportsPkceS256 ? 'success' : 'warning'} dot>
              {found.supportsPkceS256 ? 'Supported' : 'Not advertised'}
            </Badge>
          </dd>
          <dt>ID token algorithms</dt>
          <dd>{found.idTokenSigningAlgs.join(', ') || '—'}</dd>
        </dl>
      ) : null}
    </div>
  );
}
