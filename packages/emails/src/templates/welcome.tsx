import { Button, Text } from '@react-email/components';
import { z } from 'zod';
import { EmailLayout } from '../layout';

export const ZWelcomeProps = z.object({
  template: z.literal('welcome'),
  productName: z.string().min(1),
  name: z.string().min(1),
  signInUrl: z.url(),
});
export type TWelcomeProps = z.infer<typeof ZWelcomeProps>;

export const welcomeSubject = (props: TWelcomeProps) => `Welcome to ${props.productName}`;

export const welcomePreviewProps: TWelcomeProps = {
  template: 'welcome',
  productName: 'LysnrAI',
  name: 'Ada',
  signInUrl: 'https://app.lysnrai.com/sign-in',
};

export function WelcomeEmail(props: TWelcomeProps) {
  return (
    <EmailLayout preview={`Your ${props.productName} account is ready`} productName={props.productName}>
      <Text>Hi {props.name},</Text>
      <Text>Your {props.productName} account is ready. Sign in to get started.</Text>
      <Button
        href={props.signInUrl}
        style={{ backgroundColor: '#4f46e5', borderRadius: 6, color: '#ffffff', padding: '10px 18px' }}
      >
        Sign in
      </Button>
    </EmailLayout>
  );
}
