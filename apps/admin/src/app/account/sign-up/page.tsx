import type { Metadata } from 'next';
import { AccountSignUpForm } from '~/components/account/sign-up-form';
import { AuthCard } from '~/components/auth/auth-card';

export const metadata: Metadata = { title: 'Create your account' };

export default function AccountSignUpPage() {
  return (
    <AuthCard title="Create your account" subtitle="We will send a link to confirm your email address.">
      <AccountSignUpForm />
    </AuthCard>
  );
}
