/** Strings of the organization mails (the orgs module): `email.orgInvitation.*`. */
export const ORG_MESSAGES = {
  'email.orgInvitation.subject': [
    '{inviterName} invited you to join {orgName} on {productName}',
    'Subject of the organization invitation.',
  ],
  'email.orgInvitation.reason': [
    'You received this email because {inviterName} invited {email} to the {orgName} organization on {productName}.',
    'Footer of the organization invitation: why the recipient got it.',
  ],
  'email.orgInvitation.preview': [
    'Join {orgName} on {productName}.',
    "The organization invitation's preview line in the inbox list.",
  ],
  'email.orgInvitation.title': ['Join {orgName}', 'Heading of the organization invitation.'],
  'email.orgInvitation.body': [
    '{inviter} has invited you to join {orgName} on {productName} as {role, select, owner {an owner} admin {an admin} billing {its billing manager} other {a member}}.',
    'Main paragraph; {inviter} is a name, with the address in brackets when known; {role} is owner, admin, billing or member.',
  ],
  'email.orgInvitation.account': [
    'Accept with the {productName} account that uses {email}; if you have none yet, sign up with this address first.',
    'Says which account joins: the one with the invited address.',
  ],
  'email.orgInvitation.cta': ['Accept invitation', 'Button of the organization invitation.'],
  'email.orgInvitation.expires': [
    'The link works once and expires on {date}.',
    'Fine print; {date} is a date and time such as "March 21, 2025 at 9:30 AM UTC".',
  ],
  'email.orgInvitation.ignore': [
    'If you were not expecting it, you can ignore this email.',
    'Last line of the organization invitation.',
  ],
} as const satisfies Record<string, readonly [message: string, description: string]>;
