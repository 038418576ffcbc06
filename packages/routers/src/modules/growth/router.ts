export { invitationsRouter } from './invitations/router';
export { referralsRouter } from './referrals/router';
export { waitlistRouter } from './waitlist/router';
