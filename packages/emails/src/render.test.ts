import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { renderEmail } from './render';
import { subjectOf, TEMPLATE_PREVIEW_PROPS, ZEmailProps } from './templates';

describe('renderEmail', () => {
  it('renders every template from its preview props to subject, html and text', async () => {
    // One preview per template of the union, so the loop below covers them all.
    expect(Object.keys(TEMPLATE_PREVIEW_PROPS).sort()).toEqual(
      ZEmailProps.options.map((option) => option.shape.template.value).sort(),
    );
    for (const props of Object.values(TEMPLATE_PREVIEW_PROPS)) {
      const email = await renderEmail(props);
      expect(email.subject).toBe(subjectOf(props));
      expect(email.subject.length).toBeGreaterThan(0);
      expect(email.html).toMatch(/^<!DOCTYPE html/i);
      expect(email.text).not.toContain('<');
    }
  });

  it('puts the props into the welcome email', async () => {
    const email = await renderEmail({
      template: 'welcome',
      productName: 'MindLyst',
      name: 'Grace',
      signInUrl: 'https://mindlyst.example/sign-in',
    });
    expect(email.subject).toBe('Welcome to MindLyst');
    expect(email.html).toContain('href="https://mindlyst.example/sign-in"');
    expect(email.text).toContain('Hi Grace');
  });

  it('rejects props that do not fit the template, naming the field', async () => {
    const error = await renderEmail({
      template: 'welcome',
      productName: 'X',
      name: 'Y',
      signInUrl: 'nope',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((issue) => issue.path.join('.'))).toEqual(['signInUrl']);
  });
});
