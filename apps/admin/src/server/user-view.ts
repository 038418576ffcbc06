import type { AppRouter } from '@bytelyst/routers/root';
import type { inferRouterOutputs } from '@trpc/server';
import { type AsUser, callAsUser } from './impersonation';

type Outputs = inferRouterOutputs<AppRouter>;

/** What the viewed user would see through the API: each of their own endpoints, as it answered. */
export type UserView = {
  me: AsUser<Outputs['auth']['getMine']>;
  subscription: AsUser<Outputs['subscriptions']['getMine']>;
  usage: AsUser<Outputs['usage']['getMine']>;
  licenses: AsUser<Outputs['licenses']['listMine']>;
  devices: AsUser<Outputs['notifications']['listMine']>;
  settings: AsUser<Outputs['settings']['getMine']>;
  preferences: AsUser<Outputs['notifications']['getPreferencesMine']>;
  sessions: AsUser<Outputs['sessions']['listMine']>;
};

/**
 * Reads the user's own endpoints on the REST face with the shadow token, all at once. Each read is one audited
 * request of the impersonation (the audit log shows them under the admin's name).
 */
export async function readUserView(token: string, headers: Record<string, string>): Promise<UserView> {
  const get = <T>(path: string) => callAsUser<T>(token, 'GET', path, { headers });
  const [me, subscription, usage, licenses, devices, settings, preferences, sessions] = await Promise.all([
    get<Outputs['auth']['getMine']>('/auth/me'),
    get<Outputs['subscriptions']['getMine']>('/subscriptions/me'),
    get<Outputs['usage']['getMine']>('/usage/me'),
    get<Outputs['licenses']['listMine']>('/licenses/mine'),
    get<Outputs['notifications']['listMine']>('/notifications/devices'),
    get<Outputs['settings']['getMine']>('/settings/me'),
    get<Outputs['notifications']['getPreferencesMine']>('/notifications/preferences'),
    get<Outputs['sessions']['listMine']>('/sessions'),
  ]);
  return { me, subscription, usage, licenses, devices, settings, preferences, sessions };
}
