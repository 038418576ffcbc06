import { render, toPlainText } from '@react-email/render';
import { subjectOf, type TEmailProps, ZEmailProps } from './templates';
import { WelcomeEmail } from './templates/welcome';

export type RenderedEmail = { subject: string; html: string; text: string };

function elementOf(props: TEmailProps) {
  switch (props.template) {
    case 'welcome':
      return <WelcomeEmail {...props} />;
  }
}

/** Validates the props (throws a ZodError naming the fields) and renders subject, HTML and plain text. */
export async function renderEmail(input: unknown): Promise<RenderedEmail> {
  const props = ZEmailProps.parse(input);
  const html = await render(elementOf(props));
  return { subject: subjectOf(props), html, text: toPlainText(html) };
}
