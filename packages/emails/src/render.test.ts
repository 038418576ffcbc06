import { render, toPlainText } from '@react-email/render';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { TEmailBrand } from './brand';
import { listUnsubscribeHeaders, prepareEmail, renderEmail, renderText } from './render';
import {
  subjectOf,
  TEMPLATE_META,
  TEMPLATE_NAMES,
  TEMPLATE_PREVIEW_PROPS,
  type TemplateName,
} from './templates';

/** The URL each template's call to action (or, for password-changed, its one link) points at. */
const PRIMARY_URL_FIELD: Record<TemplateName, string> = {
  welcome: 'getStartedUrl',
  'verify-email': 'verifyUrl',
  'password-reset': 'resetUrl',
  'password-changed': 'secureAccountUrl',
  'new-sign-in': 'notMeUrl',
  invitation: 'acceptUrl',
  'waitlist-accepted': 'signUpUrl',
  'trial-expiring': 'upgradeUrl',
  'trial-expired': 'upgradeUrl',
  'payment-failed': 'updatePaymentUrl',
  'dunning-final-warning': 'updatePaymentUrl',
  'dunning-downgraded': 'resubscribeUrl',
  'license-expiring': 'renewUrl',
  'webhook-endpoint-alert': 'manageUrl',
  'status-subscription-confirm': 'confirmUrl',
  'status-notice': 'statusPageUrl',
  'feedback-reply': 'openUrl',
  'changelog-announcement': 'changelogUrl',
  'org-invitation': 'acceptUrl',
  'account-notice': 'actionUrl',
  'secret-expiring': 'manageUrl',
};

const primaryUrl = (name: TemplateName): string => {
  const value = (TEMPLATE_PREVIEW_PROPS[name] as Record<string, unknown>)[PRIMARY_URL_FIELD[name]];
  if (typeof value !== 'string') throw new Error(`${name} has no ${PRIMARY_URL_FIELD[name]}`);
  return value;
};

const hrefsOf = (html: string) =>
  [...html.matchAll(/href="([^"]*)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));

const issuePaths = async (promise: Promise<unknown>) => {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ZodError);
  return (error as ZodError).issues.map((issue) => issue.path.join('.'));
};

// Streaming render wraps the document in Suspense markers and separates adjacent text with <!-- -->.
const withoutStreamMarkers = (html: string) => html.replace(/<!--(?:\$|\/\$|html|head|body| )-->/g, '');

const MINDLYST: TEmailBrand = {
  productName: 'MindLyst',
  accentColor: '#0f766e',
  supportEmail: 'help@mindlyst.app',
  appUrl: 'https://mindlyst.app',
};

describe('renderEmail', () => {
  it.each(TEMPLATE_NAMES)('renders %s from its preview props', async (name) => {
    const props = TEMPLATE_PREVIEW_PROPS[name];
    const email = await renderEmail(name, props);
    expect(email.subject).toBe(subjectOf(props));
    expect(email.subject).toContain('LysnrAI');
    expect(email.html).toMatch(/^<!DOCTYPE html/);
    expect(hrefsOf(email.html)).toContain(primaryUrl(name));
    expect(email.text).toContain(primaryUrl(name));
    expect(email.text).toContain(TEMPLATE_META[name].reason(props as never));
    expect(email.html).toContain('href="mailto:support@lysnrai.com"');
  });

  it.each(TEMPLATE_NAMES)('%s links only to absolute https URLs or the support mailbox', async (name) => {
    const { html } = await renderEmail(name, TEMPLATE_PREVIEW_PROPS[name]);
    const hrefs = hrefsOf(html);
    expect(hrefs.length).toBeGreaterThanOrEqual(3); // call to action, support, app
    for (const href of hrefs) expect(href).toMatch(/^(https:\/\/[^/\s]+|mailto:[^\s@]+@[^\s@]+$)/);
  });

  it.each(TEMPLATE_NAMES)('%s plain text is text: no tags, no CSS, paragraphs apart', async (name) => {
    const { text } = await renderEmail(name, TEMPLATE_PREVIEW_PROPS[name]);
    expect(text).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(text).not.toMatch(/[{}]|prefers-color-scheme|!important/);
    expect(text).not.toMatch(/\n{3,}/);
    expect(text).toMatch(/^Hi (Ada|there),$/m);
    // The button prints its URL; the "paste this link" repeat stays out of the text part.
    expect(text.split(primaryUrl(name)).length - 1).toBe(1);
    expect(text).not.toContain('Or paste this link');
  });

  it('takes the template from the first argument when the props leave it out', async () => {
    const { template: _, ...props } = TEMPLATE_PREVIEW_PROPS['password-reset'];
    const email = await renderEmail('password-reset', props);
    expect(email.subject).toBe('Reset your LysnrAI password');
  });

  it('rejects props of another template with an issue on `template`', async () => {
    const paths = await issuePaths(renderEmail('welcome', TEMPLATE_PREVIEW_PROPS['password-reset']));
    expect(paths).toContain('template');
  });

  it('rejects an unknown template name', async () => {
    const paths = await issuePaths(renderEmail('nope' as TemplateName, {}));
    expect(paths).toEqual(['']);
  });

  it('names each bad field in the ZodError', async () => {
    const props = TEMPLATE_PREVIEW_PROPS['password-reset'];
    const paths = await issuePaths(
      renderEmail('password-reset', {
        ...props,
        brand: { ...props.brand, accentColor: 'indigo' },
        resetUrl: 'javascript:alert(1)',
      }),
    );
    expect(paths.sort()).toEqual(['brand.accentColor', 'resetUrl']);
  });

  it.each([
    ['relative', '/reset?token=1'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,hi'],
    ['empty', ''],
  ])('refuses a %s call-to-action URL', async (_, resetUrl) => {
    const paths = await issuePaths(
      renderEmail('password-reset', { ...TEMPLATE_PREVIEW_PROPS['password-reset'], resetUrl }),
    );
    expect(paths).toEqual(['resetUrl']);
  });

  it('requires https for the logo and the unsubscribe link', async () => {
    const props = TEMPLATE_PREVIEW_PROPS['trial-expired'];
    const paths = await issuePaths(
      renderEmail('trial-expired', {
        ...props,
        brand: { ...props.brand, logoUrl: 'http://cdn.example.com/logo.png' },
        unsubscribeUrl: 'http://app.example.com/unsubscribe',
      }),
    );
    expect(paths.sort()).toEqual(['brand.logoUrl', 'unsubscribeUrl']);
  });
});

describe('transactional and lifecycle mail', () => {
  const UNSUBSCRIBE = 'https://app.lysnrai.com/email/unsubscribe?token=t1';

  it('marks the security, billing and response mails transactional, the reminders lifecycle', () => {
    const lifecycle = TEMPLATE_NAMES.filter((name) => !TEMPLATE_META[name].transactional);
    expect(lifecycle.sort()).toEqual([
      'changelog-announcement',
      'license-expiring',
      'trial-expired',
      'trial-expiring',
    ]);
  });

  it.each(TEMPLATE_NAMES.filter((name) => TEMPLATE_META[name].transactional))(
    '%s refuses an unsubscribe link',
    async (name) => {
      const paths = await issuePaths(
        renderEmail(name, { ...TEMPLATE_PREVIEW_PROPS[name], unsubscribeUrl: UNSUBSCRIBE }),
      );
      expect(paths).toEqual(['unsubscribeUrl']);
      const { html, text } = await renderEmail(name, TEMPLATE_PREVIEW_PROPS[name]);
      expect(html).not.toContain('Unsubscribe');
      expect(text).not.toContain('Unsubscribe');
    },
  );

  it.each(TEMPLATE_NAMES.filter((name) => !TEMPLATE_META[name].transactional))(
    '%s shows the unsubscribe link in the footer when given one',
    async (name) => {
      const { html, text } = await renderEmail(name, {
        ...TEMPLATE_PREVIEW_PROPS[name],
        unsubscribeUrl: UNSUBSCRIBE,
      });
      expect(html).toMatch(
        /<a [^>]*href="https:\/\/app\.lysnrai\.com\/email\/unsubscribe\?token=t1"[^>]*>Unsubscribe<\/a>/,
      );
      expect(text).toContain(`Unsubscribe ${UNSUBSCRIBE}`);
      const { unsubscribeUrl: _, ...withoutLink } = TEMPLATE_PREVIEW_PROPS[name];
      expect((await renderEmail(name, withoutLink)).html).not.toContain('Unsubscribe');
    },
  );
});

describe('branding', () => {
  it('draws logo, accent colour and support address from the product', async () => {
    const lysnr = await renderEmail('welcome', TEMPLATE_PREVIEW_PROPS.welcome);
    expect(lysnr.html).toMatch(
      /<img [^>]*alt="LysnrAI"[^>]*src="https:\/\/cdn\.lysnrai\.com\/email\/logo-64\.png"/,
    );
    expect(lysnr.html).toMatch(
      /<a href="https:\/\/app\.lysnrai\.com\/onboarding" style="[^"]*background-color:#4f46e5/,
    );

    const mind = await renderEmail('welcome', { ...TEMPLATE_PREVIEW_PROPS.welcome, brand: MINDLYST });
    expect(mind.subject).toBe('Welcome to MindLyst');
    expect(mind.html).not.toContain('<img');
    expect(mind.html).toMatch(/<p [^>]*>MindLyst<\/p>/);
    expect(mind.html).toMatch(/style="[^"]*background-color:#0f766e/);
    expect(mind.html).toContain('border-top:4px solid #0f766e');
    expect(mind.html).toContain('href="mailto:help@mindlyst.app"');
    expect(mind.html).not.toMatch(/LysnrAI|#4f46e5/);
  });

  it('puts dark text on a light accent and white text on a dark one', async () => {
    const light = await renderEmail('welcome', {
      ...TEMPLATE_PREVIEW_PROPS.welcome,
      brand: { ...MINDLYST, accentColor: '#facc15' },
    });
    expect(light.html).toMatch(/background-color:#facc15;[^"]*color:#000000/);
    const dark = await renderEmail('welcome', { ...TEMPLATE_PREVIEW_PROPS.welcome, brand: MINDLYST });
    expect(dark.html).toMatch(/background-color:#0f766e;[^"]*color:#ffffff/);
  });

  it('ships dark-mode rules whose classes are on the elements', async () => {
    const { html } = await renderEmail('new-sign-in', TEMPLATE_PREVIEW_PROPS['new-sign-in']);
    expect(html).toContain('<meta name="color-scheme" content="light dark"/>');
    expect(html).toContain('<meta name="supported-color-schemes" content="light dark"/>');
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style).toContain('@media (prefers-color-scheme: dark)');
    const classes = [...new Set([...style.matchAll(/\.(em-[a-z]+)/g)].map((m) => m[1]))];
    expect(classes.sort()).toEqual([
      'em-box',
      'em-card',
      'em-link',
      'em-muted',
      'em-page',
      'em-rule',
      'em-text',
    ]);
    for (const name of classes) expect(html).toContain(`class="${name}"`);
  });
});

describe('static rendering matches @react-email/render', () => {
  it.each(TEMPLATE_NAMES)(
    '%s: same HTML up to stream markers, same plain text up to heading case',
    async (name) => {
      const ours = await renderEmail(name, TEMPLATE_PREVIEW_PROPS[name]);
      const peer = await render(prepareEmail(name, TEMPLATE_PREVIEW_PROPS[name]).element);
      expect(peer).toContain('<!--$-->'); // the markers are there to strip, so the comparison is not vacuous
      expect(ours.html).toBe(withoutStreamMarkers(peer));
      // html-to-text (react-email's stable converter) upper-cases headings; the words are the same.
      expect(renderText(ours.html).toLowerCase()).toBe(toPlainText(peer).toLowerCase());
    },
  );

  it('strips the image preload hint React adds for the logo', async () => {
    const { html } = await renderEmail('welcome', TEMPLATE_PREVIEW_PROPS.welcome);
    expect(html).toContain('<img ');
    expect(html).not.toContain('rel="preload"');
  });
});

describe('template content', () => {
  it('password reset states the expiry and what to do if not requested', async () => {
    const { text } = await renderEmail('password-reset', TEMPLATE_PREVIEW_PROPS['password-reset']);
    expect(text).toContain('This link expires in 1 hour');
    expect(text).toContain('If you did not request a password reset, you can safely ignore this email');
    const short = await renderEmail('password-reset', {
      ...TEMPLATE_PREVIEW_PROPS['password-reset'],
      expiresInMinutes: 30,
    });
    expect(short.text).toContain('expires in 30 minutes');
  });

  it('new sign-in shows device, location, IP and time, and how to react', async () => {
    const { text } = await renderEmail('new-sign-in', TEMPLATE_PREVIEW_PROPS['new-sign-in']);
    expect(text).toContain('Device: Firefox on Windows');
    expect(text).toContain('Location: Lisbon, Portugal (203.0.113.42)');
    expect(text).toContain('Time: March 14, 2025 at 9:07 PM UTC');
    expect(text).toContain("Wasn't you? Sign that device out, then reset your password.");
    expect(text).toContain("This wasn't me https://console.lysnrai.com/session-report?token=sr_preview");
    expect(text).toContain('Reset your password https://app.lysnrai.com/forgot-password');
    const { location: _, ...noLocation } = TEMPLATE_PREVIEW_PROPS['new-sign-in'];
    expect((await renderEmail('new-sign-in', noLocation)).text).toContain('Location: 203.0.113.42\n');
    const { ipAddress: __, ...noAddress } = noLocation;
    expect((await renderEmail('new-sign-in', noAddress)).text).toContain('Location: Unknown\n');
  });

  it('password changed shows the time and a "wasn\'t you" link', async () => {
    const { html, text } = await renderEmail('password-changed', TEMPLATE_PREVIEW_PROPS['password-changed']);
    expect(text).toContain('When: March 14, 2025 at 9:30 AM UTC');
    expect(html).toMatch(/Wasn&#x27;t you\? <a [^>]*href="https:\/\/app\.lysnrai\.com\/forgot-password/);
  });

  it('trial expiring gives days left, end date and plan', async () => {
    const email = await renderEmail('trial-expiring', TEMPLATE_PREVIEW_PROPS['trial-expiring']);
    expect(email.subject).toBe('Your LysnrAI Pro trial ends in 3 days');
    expect(email.text).toContain('Days left: 3');
    expect(email.text).toContain('Trial ends: March 17, 2025');
    expect(email.text).toContain('Plan: Pro');
    const lastDay = await renderEmail('trial-expiring', {
      ...TEMPLATE_PREVIEW_PROPS['trial-expiring'],
      daysLeft: 0,
    });
    expect(lastDay.subject).toBe('Your LysnrAI Pro trial ends today');
  });

  it('payment failed formats the amount in its currency; the retry date is optional', async () => {
    const email = await renderEmail('payment-failed', TEMPLATE_PREVIEW_PROPS['payment-failed']);
    expect(email.subject).toBe('Your LysnrAI payment of $49.00 failed');
    expect(email.text).toContain('Next attempt: March 17, 2025');
    expect(hrefsOf(email.html)).toContain('https://app.lysnrai.com/billing/invoices/in_1Q2w3E4r');

    const { nextRetryAt: _, invoiceUrl: __, ...rest } = TEMPLATE_PREVIEW_PROPS['payment-failed'];
    const yen = await renderEmail('payment-failed', { ...rest, amountMinor: 4900, currency: 'JPY' });
    expect(yen.text).toContain('Amount: ¥4,900');
    expect(yen.text).not.toContain('Next attempt');
    expect(yen.text).toContain('We will not retry this payment automatically.');
    expect(await issuePaths(renderEmail('payment-failed', { ...rest, currency: 'XYZ' }))).toEqual([
      'currency',
    ]);
  });

  it('license expiring shows only the key suffix, the expiry and the renew link', async () => {
    const email = await renderEmail('license-expiring', TEMPLATE_PREVIEW_PROPS['license-expiring']);
    expect(email.text).toContain('License key: •••• 8F2C');
    expect(email.text).toContain('Expires: April 1, 2025');
    const paths = await issuePaths(
      renderEmail('license-expiring', {
        ...TEMPLATE_PREVIEW_PROPS['license-expiring'],
        licenseKeySuffix: 'LYS-AAAA-BBBB-CCCC-8F2C',
      }),
    );
    expect(paths).toEqual(['licenseKeySuffix']);
  });

  it('invitation names the inviter, the workspace and the expiry', async () => {
    const email = await renderEmail('invitation', TEMPLATE_PREVIEW_PROPS.invitation);
    expect(email.subject).toBe('Ada Lovelace invited you to Analytical Engines on LysnrAI');
    expect(email.text).toContain('Ada Lovelace (ada@example.com) has invited you');
    expect(email.text).toContain('expires on March 21, 2025');
  });

  it('org invitation names the org, the role, the account that joins and the expiry', async () => {
    const email = await renderEmail('org-invitation', TEMPLATE_PREVIEW_PROPS['org-invitation']);
    expect(email.subject).toBe('Ada Lovelace invited you to join Analytical Engines on LysnrAI');
    expect(email.text).toContain(
      'Ada Lovelace (ada@example.com) has invited you to join Analytical Engines on LysnrAI as a member.',
    );
    expect(email.text).toContain('the LysnrAI account that uses grace@example.com');
    expect(email.text).toContain('The link works once and expires on March 21, 2025 at 9:30 AM UTC.');
    const admin = await renderEmail('org-invitation', {
      ...TEMPLATE_PREVIEW_PROPS['org-invitation'],
      role: 'billing',
    });
    expect(admin.text).toContain('as its billing manager.');
  });

  it('waitlist accepted carries the invite code and the sign-up link', async () => {
    const { text } = await renderEmail('waitlist-accepted', TEMPLATE_PREVIEW_PROPS['waitlist-accepted']);
    expect(text).toContain('Invite code: LYSNR-7Q4K-29XD');
  });

  it('verify email states the expiry', async () => {
    const { text } = await renderEmail('verify-email', TEMPLATE_PREVIEW_PROPS['verify-email']);
    expect(text).toContain('This link expires in 1 day.');
  });

  it('greets by name, or generically without one', async () => {
    const { name: _, ...anonymous } = TEMPLATE_PREVIEW_PROPS['verify-email'];
    expect((await renderEmail('verify-email', anonymous)).text).toMatch(/^Hi there,$/m);
  });
});

describe('listUnsubscribeHeaders', () => {
  it('gives the RFC 8058 one-click pair, with a mailto fallback when asked', () => {
    expect(listUnsubscribeHeaders('https://app.lysnrai.com/u?t=1')).toEqual({
      'List-Unsubscribe': '<https://app.lysnrai.com/u?t=1>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(listUnsubscribeHeaders('https://app.lysnrai.com/u?t=1', 'unsubscribe@lysnrai.com')).toEqual({
      'List-Unsubscribe': '<https://app.lysnrai.com/u?t=1>, <mailto:unsubscribe@lysnrai.com>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(
      listUnsubscribeHeaders('https://app.lysnrai.com/u', 'mailto:u@lysnrai.com?subject=unsubscribe')[
        'List-Unsubscribe'
      ],
    ).toBe('<https://app.lysnrai.com/u>, <mailto:u@lysnrai.com?subject=unsubscribe>');
  });

  it('refuses a non-https URL or a bad address', () => {
    expect(() => listUnsubscribeHeaders('http://app.lysnrai.com/u')).toThrow(ZodError);
    expect(() => listUnsubscribeHeaders('https://app.lysnrai.com/u', 'not an address')).toThrow(ZodError);
  });
});
