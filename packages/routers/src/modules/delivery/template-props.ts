import { TEMPLATE_SENDER_SCHEMAS, type TemplateName } from '@bytelyst/emails/templates';
import type { z } from 'zod';
import { AppError } from '../../app-error';

/** A 400 whose fields name each bad prop as `props.<path>`, as the API's clients send them. */
export const invalidProps = (issues: readonly z.core.$ZodIssue[]) =>
  new AppError('VALIDATION', 'The template props are invalid', {
    fields: issues.map((issue) => ({
      path: ['props', ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  });

/** The template's sender props (what a sender passes: no brand, no unsubscribe link), checked. */
export const senderProps = (template: TemplateName, props: Record<string, unknown>) => {
  const parsed = TEMPLATE_SENDER_SCHEMAS[template].safeParse({ ...props, template });
  if (!parsed.success) throw invalidProps(parsed.error.issues);
  return parsed.data as Record<string, unknown>;
};
