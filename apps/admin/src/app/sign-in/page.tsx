import type { Metadata } from 'next';
import { AuthCard } from '~/components/auth/auth-card';
import { SignInForm } from '~/components/auth/sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

/** Only same-origin paths are followed after sign-in. */
const safeNext = (value: string | string[] | undefined): string => {
  const next = Array.isArray(value) ? value[0] : value;
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
};

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
      <SignInForm next={safeNext(next)} />
    </AuthCard>
  );
}
