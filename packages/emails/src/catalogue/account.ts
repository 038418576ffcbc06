/**
 * `email.*` source strings of the shared parts and the account mails: [English, what translators read].
 * Arguments are ICU `{name}`s; `{…Link}` arguments are where a link (its text is its own key) sits.
 */
export const ACCOUNT_MESSAGES = {
  'email.common.greeting': ['Hi {name},', "First line of most mails; {name} is the recipient's name."],
  'email.common.greetingAnonymous': ['Hi there,', 'First line when the recipient has no name on record.'],
  'email.common.durationDays': [
    '{count, plural, one {{count} day} other {{count} days}}',
    'How long a link stays valid, in whole days; fills {expiry} of the verify and reset mails.',
  ],
  'email.common.durationHours': [
    '{count, plural, one {{count} hour} other {{count} hours}}',
    'How long a link stays valid, in whole hours; fills {expiry} of the verify and reset mails.',
  ],
  'email.common.durationMinutes': [
    '{count, plural, one {{count} minute} other {{count} minutes}}',
    'How long a link stays valid, in minutes; fills {expiry} of the verify and reset mails.',
  ],
  'email.layout.questions': [
    'Questions? Write to {supportEmail}.',
    "Footer line of every mail; {supportEmail} is the product's support address, shown as a link.",
  ],
  'email.layout.unsubscribePrompt': [
    "Don't want these emails? {unsubscribeLink}",
    'Footer line of reminder and update mails; {unsubscribeLink} is the link "Unsubscribe".',
  ],
  'email.layout.unsubscribe': [
    'Unsubscribe',
    'Footer link that unsubscribes from reminder and update mails in one click.',
  ],
  'email.layout.pasteLink': [
    'Or paste this link into your browser:',
    "Under each mail's button, before its URL, for mail apps that block buttons.",
  ],
  'email.welcome.subject': [
    'Welcome to {productName}',
    'Subject of the welcome mail, sent right after sign-up.',
  ],
  'email.welcome.preview': [
    'Your {productName} account is ready',
    "The welcome mail's preview line in the inbox list.",
  ],
  'email.welcome.reason': [
    'You received this email because an account for {email} was just created on {productName}.',
    'Footer of the welcome mail: why the recipient got it.',
  ],
  'email.welcome.title': ['Welcome to {productName}', 'Heading of the welcome mail.'],
  'email.welcome.body': [
    'Your account is ready. Set up your first workspace and you will be up and running in a couple of minutes.',
    'Main paragraph of the welcome mail.',
  ],
  'email.welcome.cta': ['Get started', 'Button of the welcome mail that opens the app.'],
  'email.verifyEmail.subject': [
    'Verify your email address for {productName}',
    'Subject of the mail that asks to confirm an email address.',
  ],
  'email.verifyEmail.preview': [
    'Confirm {email} to finish setting up {productName}.',
    "The verify mail's preview line in the inbox list.",
  ],
  'email.verifyEmail.reason': [
    'You received this email because {email} was entered as the address of a {productName} account.',
    'Footer of the verify mail: why the recipient got it.',
  ],
  'email.verifyEmail.title': ['Verify your email address', 'Heading of the verify mail.'],
  'email.verifyEmail.body': [
    'Please confirm that {email} is your email address so we can keep your {productName} account secure and reach you about it.',
    'Main paragraph of the verify mail.',
  ],
  'email.verifyEmail.cta': ['Verify email address', 'Button of the verify mail that confirms the address.'],
  'email.verifyEmail.note': [
    'This link expires in {expiry}. If you did not create an account, you can ignore this email.',
    'Fine print of the verify mail; {expiry} is a duration such as "24 hours".',
  ],
  'email.passwordReset.subject': ['Reset your {productName} password', 'Subject of the password reset mail.'],
  'email.passwordReset.preview': [
    'This link expires in {expiry}.',
    'Preview line of the password reset mail; {expiry} is a duration such as "1 hour".',
  ],
  'email.passwordReset.reason': [
    'You received this email because someone asked to reset the password of your {productName} account ({email}).',
    'Footer of the password reset mail: why the recipient got it.',
  ],
  'email.passwordReset.title': ['Reset your password', 'Heading of the password reset mail.'],
  'email.passwordReset.body': [
    'We received a request to reset the password for your {productName} account. Choose a new password with the button below.',
    'Main paragraph of the password reset mail.',
  ],
  'email.passwordReset.cta': ['Reset password', 'Button of the password reset mail.'],
  'email.passwordReset.expiry': [
    'This link expires in {expiry} and can be used once.',
    'Fine print of the password reset mail; {expiry} is a duration such as "1 hour".',
  ],
  'email.passwordReset.notRequested': [
    'If you did not request a password reset, you can safely ignore this email: your password stays as it is.',
    'Last line of the password reset mail.',
  ],
  'email.passwordChanged.subject': [
    'Your {productName} password was changed',
    'Subject of the mail that confirms a password change.',
  ],
  'email.passwordChanged.preview': [
    'The password of {email} was changed.',
    "The password-changed mail's preview line in the inbox list.",
  ],
  'email.passwordChanged.reason': [
    'You received this email because the password of your {productName} account ({email}) was changed.',
    'Footer of the password-changed mail: why the recipient got it.',
  ],
  'email.passwordChanged.title': ['Your password was changed', 'Heading of the password-changed mail.'],
  'email.passwordChanged.body': [
    'The password of your {productName} account was just changed.',
    'Main paragraph of the password-changed mail.',
  ],
  'email.passwordChanged.labelAccount': ['Account', 'Label of the account address in the facts box.'],
  'email.passwordChanged.labelWhen': ['When', 'Label of the time of the change in the facts box.'],
  'email.passwordChanged.ifYou': [
    'If this was you, there is nothing else to do.',
    'Paragraph of the password-changed mail after the facts.',
  ],
  'email.passwordChanged.notYou': [
    "Wasn't you? {resetLink} and contact {supportEmail}: someone else may have access to your account.",
    'Fine print of the password-changed mail; {resetLink} is the link "Reset your password now".',
  ],
  'email.passwordChanged.resetLink': ['Reset your password now', 'Link text in the "Wasn\'t you?" line.'],
  'email.newSignIn.subject': [
    'New sign-in to your {productName} account',
    'Subject of the mail sent on a sign-in from a new device.',
  ],
  'email.newSignIn.reason': [
    'You received this email because your {productName} account ({email}) was signed into from a new device.',
    'Footer of the new sign-in mail: why the recipient got it.',
  ],
  'email.newSignIn.unknownLocation': [
    'Unknown',
    'Location of a sign-in when neither place nor IP address is known (facts box and preview).',
  ],
  'email.newSignIn.title': ['New sign-in to your account', 'Heading of the new sign-in mail.'],
  'email.newSignIn.body': [
    'Your {productName} account was just signed into from a new device.',
    'Main paragraph of the new sign-in mail.',
  ],
  'email.newSignIn.labelDevice': ['Device', 'Label of the browser and system in the facts box.'],
  'email.newSignIn.labelLocation': ['Location', 'Label of the estimated place in the facts box.'],
  'email.newSignIn.labelTime': ['Time', 'Label of the sign-in time in the facts box.'],
  'email.newSignIn.ifYou': ['If this was you, you can ignore this email.', 'Paragraph after the facts box.'],
  'email.newSignIn.notYou': [
    "Wasn't you? Sign that device out, then reset your password.",
    'Paragraph before the "This wasn\'t me" button.',
  ],
  'email.newSignIn.cta': ["This wasn't me", 'Button that signs the new device out.'],
  'email.newSignIn.reset': [
    '{resetLink} to keep whoever it was from signing in again.',
    'Paragraph after the button; {resetLink} is the link "Reset your password".',
  ],
  'email.newSignIn.resetLink': ['Reset your password', 'Link text at the start of the reset paragraph.'],
  'email.newSignIn.locationNote': [
    'Location is estimated from the IP address and may be imprecise.',
    'Fine print of the new sign-in mail.',
  ],
  'email.invitation.workspaceOnProduct': [
    '{workspaceName} on {productName}',
    'What someone is invited to when it is a workspace; fills {invitedTo} of the invitation strings.',
  ],
  'email.invitation.subject': [
    '{inviterName} invited you to {invitedTo}',
    'Subject of the invitation; {invitedTo} is the product or "workspace on product".',
  ],
  'email.invitation.reason': [
    'You received this email because {inviterName} invited {email} to {invitedTo}.',
    'Footer of the invitation: why the recipient got it.',
  ],
  'email.invitation.preview': ['Join {invitedTo}.', "The invitation's preview line in the inbox list."],
  'email.invitation.title': ['Join {invitedTo}', 'Heading of the invitation.'],
  'email.invitation.body': [
    '{inviter} has invited you to {invitedTo}. Accept the invitation to start working together.',
    'Main paragraph of the invitation; {inviter} is a name, with the address in brackets when known.',
  ],
  'email.invitation.cta': ['Accept invitation', 'Button of the invitation.'],
  'email.invitation.expires': [
    'This invitation expires on {date}.',
    'Fine print of the invitation when it expires; {date} is a date such as "March 21, 2025".',
  ],
  'email.invitation.ignore': [
    'If you were not expecting it, you can ignore this email.',
    'Last line of the invitation.',
  ],
  'email.waitlistAccepted.subject': [
    "You're off the waitlist: welcome to {productName}",
    'Subject of the mail that opens access for someone on the waitlist.',
  ],
  'email.waitlistAccepted.reason': [
    'You received this email because {email} joined the {productName} waitlist.',
    'Footer of the waitlist mail: why the recipient got it.',
  ],
  'email.waitlistAccepted.preview': [
    'Your {productName} access is ready.',
    "The waitlist mail's preview line in the inbox list.",
  ],
  'email.waitlistAccepted.title': ["You're in", 'Heading of the waitlist mail.'],
  'email.waitlistAccepted.body': [
    'Thanks for waiting. Your spot on the {productName} waitlist came up and your access is ready.',
    'Main paragraph of the waitlist mail.',
  ],
  'email.waitlistAccepted.labelInviteCode': ['Invite code', 'Label of the invite code in the facts box.'],
  'email.waitlistAccepted.cta': ['Create your account', 'Button of the waitlist mail that opens sign-up.'],
  'email.waitlistAccepted.note': [
    'If the sign-up page does not fill in your code, enter it there yourself.',
    'Fine print of the waitlist mail.',
  ],
} as const satisfies Record<string, readonly [message: string, description: string]>;
