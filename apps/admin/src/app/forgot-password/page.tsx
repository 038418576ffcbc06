import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '~/components/auth/auth-card';
import { ForgotPasswordForm } from '~/components/auth/forgot-password-form';

export const metadata: Metadata = { title: 'Forgot password' };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Public: asks for a reset link (the password-changed mail links here with `?email=`). */
export default async function ForgotPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { email } = await searchParams;
  return (
    <AuthCard
      title="Forgot your password?"
      subtitle="Enter the email of your account and we will mail you a link to choose a new password."
      footnote={<Link href="/sign-in">Back to sign in</Link>}
    >
      <ForgotPasswordForm initialEmail={first(email)?.slice(0, 254) ?? ''} />
    </AuthCard>
  );
}
