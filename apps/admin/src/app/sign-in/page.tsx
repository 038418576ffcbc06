import type { Metadata } from 'next';
import { AuthCard } from '~/components/auth/auth-card';
import { SignInForm } from '~/components/auth/sign-in-form';
import { SsoSignIn } from '~/components/auth/sso-sign-in';
import { safeNext } from '~/lib/safe-next';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { next } = await searchParams;
  return (
    <AuthCard
      title="Sign in to the console"
      subtitle="Use your platform administrator account."
      footnote="Access is limited to admins. Every action is recorded in the audit log."
    >
      <SsoSignIn next={safeNext(next)} />
      <SignInForm next={safeNext(next)} />
    </AuthCard>
  );
}
