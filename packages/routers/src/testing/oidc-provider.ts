import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID provider (the `oidc-provider` package) on a loopback port, for the SSO tests and the browser
 * suite: authorization code with PKCE required, confidential clients (client_secret_basic), RS256 ID tokens
 * and a sign-in page of its own (an email field, no password) at /interaction/:uid. `login()` drives that
 * page over HTTP for tests without a browser. `swapJwks(true)` makes /jwks publish another public key under
 * the signing key's id, so that a relying party sees ID tokens signed by a key the issuer does not publish.
 */

export type OidcAccount = { sub: string; email: string; emailVerified: boolean; name: string };
export type OidcClient = { clientId: string; clientSecret: string; redirectUris: string[] };

const KID = 'test-signing-key';

const rsaJwk = (): JsonWebKey =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const publicPart = ({ kty, n, e }: JsonWebKey) => ({ kty, n, e, kid: KID, alg: 'RS256', use: 'sig' });

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:sans-serif;max-width:22rem;margin:4rem auto}label,input,button{display:block;width:100%;margin:.5rem 0}</style>
</head><body><h1>${title}</h1>${body}</body></html>`;

const readForm = async (req: IncomingMessage): Promise<URLSearchParams> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

export const startOidcProvider = async (opts: {
  clients: OidcClient[];
  accounts: OidcAccount[];
  /** A fixed port (the browser suite registers its redirect URI before start); default any free one. */
  port?: number;
}) => {
  const accounts = new Map(opts.accounts.map((account) => [account.sub, account]));
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signingKey = rsaJwk();
  const strangerKey = rsaJwk();
  let jwksSwapped = false;

  const provider = new Provider(issuer, {
    clients: opts.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: account.email,
          email_verified: account.emailVerified,
          name: account.name,
        }),
      };
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    jwks: { keys: [{ ...signingKey, kid: KID, alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['oidc-test-cookie-key-0123456789abcdef'] },
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 600,
      Grant: 3600,
      Session: 3600,
    },
  });
  provider.use(async (ctx, next) => {
    if (jwksSwapped && ctx.path === '/jwks') {
      ctx.type = 'application/jwk-set+json';
      ctx.body = { keys: [publicPart(strangerKey)] };
      return;
    }
    await next();
  });

  const interaction = async (req: IncomingMessage, res: ServerResponse) => {
    const details = await provider.interactionDetails(req, res);
    const form = (error?: string) => {
      res.writeHead(error ? 400 : 200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        page(
          'Test identity provider',
          `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${details.uid}">
<label for="email">Email at the provider</label><input id="email" name="email" type="email" autofocus>
<button type="submit">Sign in at the provider</button></form>`,
        ),
      );
    };
    if (req.method !== 'POST') return form();
    const email = (await readForm(req)).get('email')?.trim().toLowerCase() ?? '';
    const account = [...accounts.values()].find((candidate) => candidate.email === email);
    if (!account) return form(`No account for '${email}' at this provider`);
    const grant = new provider.Grant({ accountId: account.sub, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.sub }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  };

  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(error instanceof Error ? error.message : String(error));
      });
      return;
    }
    void handle(req, res);
  });

  /**
   * Follows the browser's part of a sign-in over HTTP: the authorization URL, the sign-in page as `email`, and
   * the redirects back, keeping the provider's cookies. Resolves to the URL the provider sends the browser to
   * (the relying party's redirect URI with code, state and iss).
   */
  const login = async (authorizationUrl: string, email: string): Promise<string> => {
    const jar = new Map<string, string>();
    const go = async (url: string, init: RequestInit = {}) => {
      const response = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: {
          ...(init.headers as Record<string, string> | undefined),
          cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
        },
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair = ''] = cookie.split(';');
        const at = pair.indexOf('=');
        const name = pair.slice(0, at);
        const value = pair.slice(at + 1);
        if (value) jar.set(name, value);
        else jar.delete(name);
      }
      const location = response.headers.get('location');
      if (!location) throw new Error(`${url} answered ${response.status} without a redirect`);
      return new URL(location, url).href;
    };
    let next = await go(authorizationUrl);
    if (!next.startsWith(`${issuer}/interaction/`)) return next;
    next = await go(next, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email }).toString(),
    });
    for (let hop = 0; hop < 5 && next.startsWith(issuer); hop += 1) next = await go(next);
    return next;
  };

  return {
    issuer,
    login,
    /** Adds or replaces an account (claims are read at each sign-in). */
    setAccount: (account: OidcAccount) => accounts.set(account.sub, account),
    swapJwks: (on: boolean) => {
      jwksSwapped = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export type TestOidcProvider = Awaited<ReturnType<typeof startOidcProvider>>;
