/**
 * `email.*` source strings of the operational and update mails: [English, what translators read]. What the
 * sender writes (incident text, a feedback reply, a changelog entry) is data and arrives as an argument.
 */
const FEEDBACK_KIND =
  '{feedbackType, select, bug_report {bug report} feature_request {feature request} nps_survey {survey answer} other {feedback}}';
const MESSAGES_PLURAL = '{count, plural, one {{count} message} other {{count} messages}}';

export const NOTICE_MESSAGES = {
  'email.webhookEndpointAlert.subject': [
    '{productName} webhook endpoint {state, select, failing {failing} other {disabled}}: {host}',
    "Subject of the admins' alert about an outbound webhook endpoint; {host} is the receiver's host name.",
  ],
  'email.webhookEndpointAlert.reason': [
    'You received this email because {email} is an admin of {productName}, which sends webhooks to {host}.',
    'Footer of the webhook alert: why the recipient got it.',
  ],
  'email.webhookEndpointAlert.preview': [
    '{host} {state, select, failing {is failing} other {was disabled}}: {detail}',
    "The webhook alert's preview line; {detail} is the last error as the receiver gave it.",
  ],
  'email.webhookEndpointAlert.previewNoError': [
    'see the attempt log',
    'Fills {detail} of the preview line when the last attempt left no error text.',
  ],
  'email.webhookEndpointAlert.title': [
    '{state, select, failing {A webhook endpoint is failing} other {A webhook endpoint was disabled}}',
    'Heading of the webhook alert.',
  ],
  'email.webhookEndpointAlert.failingBody': [
    `A message from {productName} to the webhook endpoint {url} failed its last retry, so the endpoint is now marked failing. ${MESSAGES_PLURAL} in a row have failed.`,
    'What happened, when an endpoint starts failing; {url} is the endpoint, {count} the failed messages in a row.',
  ],
  'email.webhookEndpointAlert.goneBody': [
    '{productName} disabled the webhook endpoint {url}: it answered 410 Gone, which asks senders to stop.',
    'What happened, when the receiver answered HTTP 410 Gone.',
  ],
  'email.webhookEndpointAlert.failuresBody': [
    `{productName} disabled the webhook endpoint {url} after ${MESSAGES_PLURAL} in a row failed every retry.`,
    'What happened, when too many messages in a row failed; {count} is how many.',
  ],
  'email.webhookEndpointAlert.disabledBody': [
    '{productName} disabled the webhook endpoint {url}.',
    'What happened, when the endpoint was disabled for no recorded reason.',
  ],
  'email.webhookEndpointAlert.failingNext': [
    'We keep sending new messages to it and retry each one as usual. If {disableAfter} messages in a row fail, we disable the endpoint. One message it accepts clears the count.',
    'What happens next to a failing endpoint; {disableAfter} is the number of failures that disables it.',
  ],
  'email.webhookEndpointAlert.disabledNext': [
    'No messages are sent to it until an admin enables it again. Once the receiver is fixed and the endpoint enabled, "Recover since" on its page sends again every message it missed.',
    'What happens next to a disabled endpoint; "Recover since" is the name of a console action.',
  ],
  'email.webhookEndpointAlert.labelEndpoint': ['Endpoint', 'Label of the endpoint URL in the facts box.'],
  'email.webhookEndpointAlert.labelStatus': ['Status', "Label of the endpoint's state in the facts box."],
  'email.webhookEndpointAlert.status': [
    '{state, select, failing {Failing} other {Disabled}}',
    "The endpoint's state in the facts box.",
  ],
  'email.webhookEndpointAlert.labelReason': ['Reason', 'Label of why the endpoint was disabled.'],
  'email.webhookEndpointAlert.reasonConsecutiveFailures': [
    'Too many failed messages in a row',
    'Why the endpoint was disabled: too many failures.',
  ],
  'email.webhookEndpointAlert.reasonGone': [
    'The receiver answered 410 Gone',
    'Why the endpoint was disabled: the receiver answered HTTP 410 Gone.',
  ],
  'email.webhookEndpointAlert.labelFailures': [
    'Failed messages in a row',
    'Label of the number of consecutive failed messages.',
  ],
  'email.webhookEndpointAlert.labelLastError': ['Last error', "Label of the last attempt's error text."],
  'email.webhookEndpointAlert.cta': ['Open the endpoint', "Button that opens the endpoint's console page."],
  'email.webhookEndpointAlert.failingNote': [
    "The endpoint's attempt log shows each request and the receiver's answer. If the endpoint is no longer used, disable or delete it there to stop these alerts.",
    'Fine print of the alert about a failing endpoint.',
  ],
  'email.webhookEndpointAlert.disabledNote': [
    "The endpoint's attempt log shows each request and the receiver's answer.",
    'Fine print of the alert about a disabled endpoint.',
  ],
  'email.statusSubscriptionConfirm.subject': [
    'Confirm your subscription to {productName} status updates',
    'Subject of the double opt-in mail of the status page.',
  ],
  'email.statusSubscriptionConfirm.reason': [
    'You received this email because {email} was entered on the {productName} status page to receive updates.',
    'Footer of the status opt-in mail: why the recipient got it.',
  ],
  'email.statusSubscriptionConfirm.preview': [
    'Confirm that {email} should get {productName} incident and maintenance notices.',
    "The status opt-in mail's preview line in the inbox list.",
  ],
  'email.statusSubscriptionConfirm.title': [
    'Confirm your status subscription',
    'Heading of the status opt-in mail.',
  ],
  'email.statusSubscriptionConfirm.body': [
    'Someone asked for {productName} incident and maintenance notices to be sent to {email}. Confirm and we will email you when an incident is opened, updated or resolved, and when maintenance is scheduled, starts or ends.',
    'Main paragraph of the status opt-in mail.',
  ],
  'email.statusSubscriptionConfirm.cta': [
    'Confirm subscription',
    'Button that confirms the status subscription.',
  ],
  'email.statusSubscriptionConfirm.statusPage': [
    'The current status is always on the {statusPageLink}.',
    'Paragraph after the button; {statusPageLink} is the link "<product> status page".',
  ],
  'email.statusSubscriptionConfirm.statusPageLink': [
    '{productName} status page',
    'Link text to the public status page.',
  ],
  'email.statusSubscriptionConfirm.note': [
    'This link works for {hours, plural, one {{hours} hour} other {{hours} hours}}. If you did not ask for this, ignore this email: nothing is sent to you unless you confirm.',
    'Fine print of the status opt-in mail; {hours} is how long the link works.',
  ],
  'email.statusNotice.subject': [
    '[{productName} status] {kind, select, maintenance {Maintenance: } other {}}{title} ({state})',
    'Subject of an incident or maintenance notice; {title} and {state} are written by the operators.',
  ],
  'email.statusNotice.reason': [
    'You received this email because {email} subscribed to {productName} status updates.',
    'Footer of a status notice: why the recipient got it.',
  ],
  'email.statusNotice.title': [
    '{kind, select, maintenance {Maintenance} other {Incident}}: {title}',
    "Heading of a status notice; {title} is the operators' title of the incident or window.",
  ],
  'email.statusNotice.labelKind': [
    '{kind, select, maintenance {Maintenance} other {Incident}}',
    'Label of the incident or maintenance title in the facts box.',
  ],
  'email.statusNotice.labelStatus': ['Status', 'Label of the incident state or maintenance state.'],
  'email.statusNotice.labelAffected': ['Affected', 'Label of the affected components.'],
  'email.statusNotice.labelStarts': ['Starts', 'Label of the scheduled start of maintenance.'],
  'email.statusNotice.labelEnds': ['Ends', 'Label of the scheduled end of maintenance.'],
  'email.statusNotice.labelPosted': ['Posted', 'Label of the time the update was posted.'],
  'email.statusNotice.cta': ['Open the status page', 'Button that opens the public status page.'],
  'email.statusNotice.stop': [
    'Do not want these notices any more? {stopLink} (one click, no sign-in).',
    'Fine print of a status notice; {stopLink} is the link "Stop status emails".',
  ],
  'email.statusNotice.stopLink': ['Stop status emails', 'Link that ends the status subscription.'],
  'email.feedbackReply.subject': [
    `Re: your ${FEEDBACK_KIND} to {productName}`,
    "Subject of the team's answer to feedback; the select names what the user sent.",
  ],
  'email.feedbackReply.reason': [
    'You received this email because {email} sent feedback to {productName} on {date}.',
    'Footer of the feedback reply: why the recipient got it.',
  ],
  'email.feedbackReply.preview': [
    `{productName} answered your ${FEEDBACK_KIND}: {reply}`,
    "The feedback reply's preview line; {reply} is the start of the team's answer.",
  ],
  'email.feedbackReply.title': [`We read your ${FEEDBACK_KIND}`, 'Heading of the feedback reply.'],
  'email.feedbackReply.labelYouWrote': ['You wrote', "Label of the user's own words in the facts box."],
  'email.feedbackReply.labelSent': ['Sent', 'Label of the date the feedback was sent.'],
  'email.feedbackReply.cta': ['Open {productName}', 'Button of the feedback reply that opens the app.'],
  'email.feedbackReply.note': [
    'To add something, send more feedback from the app, or write to {supportEmail}.',
    'Fine print of the feedback reply.',
  ],
  'email.changelogAnnouncement.subject': [
    "What's new in {productName} {version}: {title}",
    'Subject of a changelog announcement; {title} is the entry title.',
  ],
  'email.changelogAnnouncement.reason': [
    'You received this email because {email} uses {productName} and gets product updates.',
    'Footer of a changelog announcement: why the recipient got it.',
  ],
  'email.changelogAnnouncement.labelVersion': ['Version', 'Label of the release version in the facts box.'],
  'email.changelogAnnouncement.labelKind': ['Kind', 'Label of the entry category in the facts box.'],
  'email.changelogAnnouncement.labelReleased': ['Released', 'Label of the release date in the facts box.'],
  'email.changelogAnnouncement.cta': ["Read what's new", 'Button that opens the changelog.'],
  'email.secretExpiring.subject': [
    '{productName}: the secret {secretName} expires on {expiry}',
    "Subject of the admins' reminder that a stored secret expires soon; {secretName} is its name, never its value.",
  ],
  'email.secretExpiring.reason': [
    'You received this email because {email} is an admin of {productName}.',
    'Footer of the secret expiry reminder: why the recipient got it.',
  ],
  'email.secretExpiring.preview': [
    '{secretName} expires on {expiry}: set a new version before then.',
    "The secret expiry reminder's preview line.",
  ],
  'email.secretExpiring.title': ['A secret expires soon', 'Heading of the secret expiry reminder.'],
  'email.secretExpiring.body': [
    'The secret {secretName} of {productName} expires on {expiry}. Whatever uses it stops working then, unless a new version is set.',
    "The reminder's main paragraph.",
  ],
  'email.secretExpiring.labelSecret': ['Secret', "Label of the secret's name in the facts box."],
  'email.secretExpiring.labelScope': ['Scope', "Label of the secret's scope in the facts box."],
  'email.secretExpiring.scope': [
    '{scope, select, platform {Every product} other {This product}}',
    'Whether the secret is platform-wide or belongs to one product.',
  ],
  'email.secretExpiring.labelVersion': ['Version', 'Label of the current version number.'],
  'email.secretExpiring.labelExpires': ['Expires', 'Label of the expiry date in the facts box.'],
  'email.secretExpiring.cta': ['Open secrets', "Button that opens the console's secrets page."],
  'email.secretExpiring.note': [
    'This reminder is sent once per version; setting a new version with a new expiry date starts over.',
    'Closing note of the secret expiry reminder.',
  ],
} as const satisfies Record<string, readonly [message: string, description: string]>;
