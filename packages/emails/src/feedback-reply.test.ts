import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { checkEmail } from './checks';
import { renderEmail } from './render';
import { TEMPLATE_META, TEMPLATE_PREVIEW_PROPS } from './templates';

const preview = TEMPLATE_PREVIEW_PROPS['feedback-reply'];
const render = (props: Record<string, unknown>) => renderEmail('feedback-reply', props);

describe('feedback-reply', () => {
  it('is transactional: it answers something the user sent', () => {
    expect(TEMPLATE_META['feedback-reply'].transactional).toBe(true);
  });

  it("quotes the user's words and gives the reply paragraph by paragraph", async () => {
    const email = await render(preview);
    expect(email.subject).toBe('Re: your bug report to LysnrAI');
    expect(email.text).toContain('We read your bug report');
    expect(email.text).toContain('recording paused when the screen locked.\n\nVersion 2.4.1');
    expect(email.text).toContain('You wrote: The transcript stops after two minutes when the phone locks.');
    expect(email.text).toContain('Sent: March 12, 2026');
    expect(email.html.match(/Version 2\.4\.1/g)).toHaveLength(1);
    const report = checkEmail(email);
    expect(report.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  });

  it('names each kind of feedback in the subject and escapes the reply', async () => {
    const survey = await render({ ...preview, feedbackType: 'nps_survey', excerpt: '' });
    expect(survey.subject).toBe('Re: your survey answer to LysnrAI');
    expect(survey.text).toContain('You wrote: —');
    const html = await render({ ...preview, reply: '<b>bold</b> & more' });
    expect(html.html).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; more');
  });

  it('names each bad field', async () => {
    const error = await render({
      ...preview,
      feedbackType: 'praise',
      reply: '',
      excerpt: 'x'.repeat(501),
      openUrl: 'javascript:alert(1)',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((issue) => issue.path.join('.')).sort()).toEqual(
      ['excerpt', 'feedbackType', 'openUrl', 'reply'].sort(),
    );
  });
});
