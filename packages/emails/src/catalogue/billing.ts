/** `email.*` source strings of the trial, payment and license mails: [English, what translators read]. */
export const BILLING_MESSAGES = {
  'email.trialExpiring.subject': [
    'Your {productName} {planName} trial ends {daysLeft, plural, =0 {today} =1 {tomorrow} other {in {daysLeft} days}}',
    'Subject of the reminder before a trial ends; {daysLeft} is whole days left (0 = today).',
  ],
  'email.trialExpiring.reason': [
    'You received this email because you started a {productName} {planName} trial with {email}.',
    'Footer of the trial reminder: why the recipient got it.',
  ],
  'email.trialExpiring.preview': [
    'Your trial ends on {endDate}. Upgrade to keep your {planName} features.',
    'The trial reminder\'s preview line; {endDate} is a date such as "March 17, 2025".',
  ],
  'email.trialExpiring.title': [
    'Your trial ends {daysLeft, plural, =0 {today} =1 {tomorrow} other {in {daysLeft} days}}',
    'Heading of the trial reminder; {daysLeft} is whole days left (0 = today).',
  ],
  'email.trialExpiring.body': [
    'Your {productName} {planName} trial ends on {endDate}. Upgrade now to keep your {planName} features and everything you have set up.',
    'Main paragraph of the trial reminder.',
  ],
  'email.trialExpiring.labelPlan': ['Plan', 'Label of the plan name in the facts box.'],
  'email.trialExpiring.labelDaysLeft': ['Days left', 'Label of the number of days left in the facts box.'],
  'email.trialExpiring.labelTrialEnds': ['Trial ends', 'Label of the end date in the facts box.'],
  'email.trialExpiring.cta': ['Upgrade to {planName}', 'Button of the trial reminder that opens billing.'],
  'email.trialExpiring.note': [
    'If you do not upgrade, the {planName} features stop when the trial ends.',
    'Fine print of the trial reminder.',
  ],
  'email.trialExpired.subject': [
    'Your {productName} {planName} trial has ended',
    'Subject of the mail sent when a trial ended without an upgrade.',
  ],
  'email.trialExpired.reason': [
    'You received this email because you tried {productName} {planName} with {email}.',
    'Footer of the trial-ended mail: why the recipient got it.',
  ],
  'email.trialExpired.preview': [
    'Upgrade to get your {planName} features back.',
    "The trial-ended mail's preview line in the inbox list.",
  ],
  'email.trialExpired.title': ['Your trial has ended', 'Heading of the trial-ended mail.'],
  'email.trialExpired.body': [
    'Your {productName} {planName} trial ended on {endDate}. Upgrade to get your {planName} features back and pick up where you left off.',
    'Main paragraph of the trial-ended mail; {endDate} is a date such as "March 17, 2025".',
  ],
  'email.trialExpired.cta': ['Upgrade to {planName}', 'Button of the trial-ended mail that opens billing.'],
  'email.paymentFailed.subject': [
    'Your {productName} payment of {amount} failed',
    'Subject of the mail sent when a subscription charge was declined; {amount} is formatted money.',
  ],
  'email.paymentFailed.reason': [
    'You received this email because a payment for your {productName} subscription ({email}) did not go through.',
    'Footer of the payment-failed mail: why the recipient got it.',
  ],
  'email.paymentFailed.preview': [
    'We could not charge {amount} for your {planName} plan.',
    "The payment-failed mail's preview line in the inbox list.",
  ],
  'email.paymentFailed.title': ['Your payment failed', 'Heading of the payment-failed mail.'],
  'email.paymentFailed.body': [
    'We could not charge your payment method for your {productName} {planName} subscription. Please update your payment details to keep your access.',
    'Main paragraph of the payment-failed mail.',
  ],
  'email.paymentFailed.labelPlan': ['Plan', 'Label of the plan name in the facts box.'],
  'email.paymentFailed.labelAmount': ['Amount', 'Label of the declined amount in the facts box.'],
  'email.paymentFailed.labelNextAttempt': ['Next attempt', 'Label of the date of the next charge attempt.'],
  'email.paymentFailed.cta': [
    'Update payment method',
    'Button of the payment-failed mail that opens billing.',
  ],
  'email.paymentFailed.noRetry': [
    'We will not retry this payment automatically.',
    'Fine print when the payment provider will not try the card again.',
  ],
  'email.paymentFailed.retry': [
    'We will try again on {date}. Updating your payment method before then avoids any interruption.',
    'Fine print when the provider tries again; {date} is a date such as "March 17, 2025".',
  ],
  'email.paymentFailed.invoiceLink': ['View the invoice', 'Link to the invoice at the end of the mail.'],
  'email.licenseExpiring.subject': [
    'Your {productName} license ends on {expiry}',
    'Subject of the renewal reminder; {expiry} is a date such as "April 1, 2025".',
  ],
  'email.licenseExpiring.reason': [
    'You received this email because {email} holds the {productName} license ending in {licenseKeySuffix}.',
    'Footer of the renewal reminder: why the recipient got it; {licenseKeySuffix} is the last characters of the key.',
  ],
  'email.licenseExpiring.labelLicenseKey': [
    'License key',
    'Label of the masked license key in the facts box.',
  ],
  'email.licenseExpiring.labelPlan': ['Plan', 'Label of the plan name in the facts box.'],
  'email.licenseExpiring.labelExpires': ['Expires', 'Label of the expiry date in the facts box.'],
  'email.licenseExpiring.preview': [
    'Renew before {expiry} to avoid an interruption.',
    "The renewal reminder's preview line in the inbox list.",
  ],
  'email.licenseExpiring.title': ['Your license is about to expire', 'Heading of the renewal reminder.'],
  'email.licenseExpiring.body': [
    'Your {productName} license ending in {licenseKeySuffix} expires on {expiry}. Renew it to keep using {productName} without interruption.',
    'Main paragraph of the renewal reminder.',
  ],
  'email.licenseExpiring.cta': ['Renew license', 'Button of the renewal reminder.'],
  'email.licenseExpiring.note': [
    'Already renewed? Then you can ignore this email.',
    'Fine print of the renewal reminder.',
  ],
  'email.dunningFinalWarning.subject': [
    'Final notice: your {productName} plan ends on {date}',
    'Subject of the last reminder after a charge was declined three times; {date} is a date such as "March 24, 2025".',
  ],
  'email.dunningFinalWarning.reason': [
    'You received this email because payments for your {productName} subscription ({email}) keep failing.',
    'Footer of the final-warning mail: why the recipient got it.',
  ],
  'email.dunningFinalWarning.preview': [
    'Update your payment method before {date} to keep your {planName} plan.',
    "The final-warning mail's preview line in the inbox list.",
  ],
  'email.dunningFinalWarning.title': [
    'Final notice about your payment',
    'Heading of the final-warning mail.',
  ],
  'email.dunningFinalWarning.body': [
    'We tried to charge {amount} for your {productName} {planName} subscription {attempts, plural, one {once} other {# times}}, and it was declined each time. If the payment does not go through by {date}, your account moves to the {freePlanName} plan.',
    'Main paragraph of the final-warning mail; {attempts} is how many charges were declined.',
  ],
  'email.dunningFinalWarning.labelPlan': ['Plan', 'Label of the plan name in the facts box.'],
  'email.dunningFinalWarning.labelAmount': ['Amount due', 'Label of the unpaid amount in the facts box.'],
  'email.dunningFinalWarning.labelAttempts': [
    'Declined attempts',
    'Label of the number of declined charges in the facts box.',
  ],
  'email.dunningFinalWarning.labelDowngrade': [
    'Plan ends',
    'Label of the date the account moves to the free plan.',
  ],
  'email.dunningFinalWarning.cta': [
    'Update payment method',
    'Button of the final-warning mail that opens billing.',
  ],
  'email.dunningFinalWarning.note': [
    'Your data stays safe either way; only the {planName} features stop on {date}.',
    'Fine print of the final-warning mail.',
  ],
  'email.dunningFinalWarning.invoiceLink': [
    'Pay the invoice',
    'Link to the unpaid invoice at the end of the final-warning mail.',
  ],
  'email.dunningDowngraded.subject': [
    'Your {productName} account is now on the {toPlanName} plan',
    'Subject of the mail sent when an unpaid subscription was moved to the free plan.',
  ],
  'email.dunningDowngraded.reason': [
    'You received this email because the payment for your {productName} subscription ({email}) could not be collected.',
    'Footer of the downgraded mail: why the recipient got it.',
  ],
  'email.dunningDowngraded.preview': [
    'We could not collect {amount}, so your {fromPlanName} plan ended.',
    "The downgraded mail's preview line in the inbox list.",
  ],
  'email.dunningDowngraded.title': [
    'You are now on {toPlanName}',
    'Heading of the downgraded mail; {toPlanName} is the free plan.',
  ],
  'email.dunningDowngraded.body': [
    'We could not collect {amount} for your {productName} {fromPlanName} subscription, and the grace period ended on {date}. Your account is now on the {toPlanName} plan.',
    'Main paragraph of the downgraded mail.',
  ],
  'email.dunningDowngraded.labelFrom': ['Previous plan', 'Label of the plan the account was on.'],
  'email.dunningDowngraded.labelTo': ['Current plan', 'Label of the plan the account is on now.'],
  'email.dunningDowngraded.labelUnpaid': ['Unpaid amount', 'Label of the amount that was not collected.'],
  'email.dunningDowngraded.cta': [
    'Subscribe to {fromPlanName} again',
    'Button of the downgraded mail that opens billing.',
  ],
  'email.dunningDowngraded.note': [
    'Everything you created is still there; subscribing again brings the features back at once.',
    'Fine print of the downgraded mail.',
  ],
} as const satisfies Record<string, readonly [message: string, description: string]>;
