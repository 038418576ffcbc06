import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AccountSignInForm } from '~/components/account/sign-in-form';
import { AuthCard } from '~/components/auth/auth-card';

export const metadata: Metadata = { title: 'Sign in' };

/** The portal's own sign-in for end users (the console's /sign-in is for admins). */
export default function AccountSignInPage() {
  return (
    <AuthCard title="Sign in to your account" subtitle="Manage your profile, plan, devices and data.">
      <Suspense>
        <AccountSignInForm />
      </Suspense>
    </AuthCard>
  );
}
