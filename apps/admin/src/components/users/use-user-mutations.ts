'use client';

import type { TRole } from '@bytelyst/routers/modules/users/schema';
import { type TrpcUtils, useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';

/** Role change, disable and enable, with toasts and cache refresh, shared by the list and the detail page. */
export function useUserMutations() {
  const invalidate = (u: TrpcUtils) => [
    u.users.list.invalidate(),
    u.users.get.invalidate(),
    u.system.getOverview.invalidate(),
  ];

  const setRoles = trpc.users.setRoles.useMutation(
    useMutationFeedback({ success: (user) => `Roles of ${user.email} updated.`, invalidate }),
  );
  const disable = trpc.users.disable.useMutation(
    useMutationFeedback({ success: (user) => `${user.email} was disabled.`, invalidate }),
  );
  const enable = trpc.users.enable.useMutation(
    useMutationFeedback({ success: (user) => `${user.email} was enabled.`, invalidate }),
  );

  return {
    setRoles: (id: string, roles: TRole[]) => setRoles.mutate({ id, roles }),
    disable: (id: string) => disable.mutate({ id }),
    enable: (id: string) => enable.mutate({ id }),
    pendingId:
      (setRoles.isPending && setRoles.variables?.id) ||
      (disable.isPending && disable.variables?.id) ||
      (enable.isPending && enable.variables?.id) ||
      undefined,
    /** The roles being saved (shown until the refreshed list arrives, so a select does not flick back). */
    pendingRoles: (id: string): TRole[] | undefined =>
      setRoles.isPending && setRoles.variables?.id === id ? setRoles.variables.roles : undefined,
  };
}
