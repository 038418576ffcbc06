import { z } from 'zod';
import { welcomePreviewProps, welcomeSubject, ZWelcomeProps } from './templates/welcome';

/** Props of every template, discriminated by `template`; the one schema senders validate against. */
export const ZEmailProps = z.discriminatedUnion('template', [ZWelcomeProps]);
export type TEmailProps = z.infer<typeof ZEmailProps>;
export type TemplateName = TEmailProps['template'];

export const TEMPLATE_PREVIEW_PROPS: { [K in TemplateName]: Extract<TEmailProps, { template: K }> } = {
  welcome: welcomePreviewProps,
};

export function subjectOf(props: TEmailProps): string {
  switch (props.template) {
    case 'welcome':
      return welcomeSubject(props);
  }
}
