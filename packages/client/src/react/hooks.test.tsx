// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformClient, type PlatformClient, type SignedOutEvent } from '../index';
import { localStorageStorage } from '../storage';
import { PASSWORD } from '../testing/platform';
import { startPlatformProcess } from '../testing/platform-process';
import { PlatformProvider, useSession, useSignIn, useSignOut } from './index';

/**
 * The hooks in a DOM (happy-dom) against the real API on loopback: a user signs in through a form, the
 * session
 * shows them, a wrong password shows the typed error, and signing out ends the session on the platform too.
 */

const SignInForm = () => {
  const session = useSession();
  const { signIn, pending, error } = useSignIn();
  const { signOut } = useSignOut();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  if (session.status === 'loading') return <p>Checking your session</p>;
  if (session.status === 'signed_in') {
    return (
      <div>
        <p>Signed in as {session.user?.email}</p>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    );
  }
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        signIn({ email, password }).catch(() => undefined);
      }}
    >
      <input aria-label="Email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <input aria-label="Password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit" disabled={pending}>
        Sign in
      </button>
      {error ? <p role="alert">{`${error.kind}: ${error.message}`}</p> : null}
    </form>
  );
};

describe('React session hooks', () => {
  let p: Awaited<ReturnType<typeof startPlatformProcess>>;

  beforeAll(async () => {
    // happy-dom's fetch is a browser's: cross-origin, so the API's CORS answers count.
    p = await startPlatformProcess({ CORS_ORIGINS: window.location.origin });
    // The child compiles the API with tsx first: slow on a busy machine.
  }, 240_000);
  afterAll(async () => p.close());
  afterEach(() => {
    cleanup();
    window.localStorage.clear();
  });

  const mount = (client: PlatformClient) =>
    render(
      <PlatformProvider client={client}>
        <SignInForm />
      </PlatformProvider>,
    );
  const clientFor = (signedOut: SignedOutEvent[] = []) =>
    createPlatformClient({
      baseUrl: p.baseUrl,
      productId: p.productId,
      storage: localStorageStorage(),
      onSignedOut: (event) => signedOut.push(event),
    });
  const fill = (email: string, password: string) => {
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  };

  it('signs in, shows the user, and signs out', async () => {
    const email = 'hooks@example.com';
    await p.register(email);
    const signedOut: SignedOutEvent[] = [];
    mount(clientFor(signedOut));
    await screen.findByRole('button', { name: 'Sign in' });

    fill(email, 'not-the-password');
    expect((await screen.findByRole('alert')).textContent).toBe('unauthorized: Invalid email or password');

    fill(email, PASSWORD);
    await screen.findByText(`Signed in as ${email}`);
    const stored = JSON.parse(window.localStorage.getItem('bytelyst.session') ?? 'null') as {
      refreshToken: string;
    } | null;
    expect(stored?.refreshToken).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('button', { name: 'Sign in' });
    expect(window.localStorage.getItem('bytelyst.session')).toBeNull();
    expect(signedOut.map((e) => e.reason)).toEqual(['signed_out']);
    const refresh = await p.call('POST', '/auth/refresh', { body: { refreshToken: stored?.refreshToken } });
    expect(refresh.status).toBe(401);
  });

  it('restores a stored session on mount, as after a reload', async () => {
    const email = 'reload@example.com';
    await p.register(email);
    await clientFor().signIn({ email, password: PASSWORD });

    mount(clientFor());
    expect(screen.getByText('Checking your session')).toBeTruthy();
    await screen.findByText(`Signed in as ${email}`);
    await waitFor(() => expect(screen.queryByText('Checking your session')).toBeNull());
  });
});
