import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';

const colors = { text: '#0f172a', muted: '#64748b', border: '#e2e8f0', background: '#f8fafc' };

/** The frame every template shares: preview line, product name header, footer. */
export function EmailLayout(props: { preview: string; productName: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body
        style={{
          backgroundColor: colors.background,
          fontFamily: 'system-ui, -apple-system, Segoe UI, sans-serif',
        }}
      >
        <Container
          style={{
            backgroundColor: '#ffffff',
            border: `1px solid ${colors.border}`,
            borderRadius: 8,
            margin: '32px auto',
            maxWidth: 560,
            padding: 32,
          }}
        >
          <Text style={{ color: colors.text, fontSize: 18, fontWeight: 600, margin: 0 }}>
            {props.productName}
          </Text>
          <Section style={{ color: colors.text, fontSize: 15, lineHeight: '24px' }}>{props.children}</Section>
          <Hr style={{ borderColor: colors.border, margin: '24px 0' }} />
          <Text style={{ color: colors.muted, fontSize: 12, margin: 0 }}>
            You receive this email because of your {props.productName} account.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
