'use client';

import type { TRole } from '@bytelyst/routers/modules/users/schema';
import { useToast } from '~/components/kit/toast';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

/** Role change, disable and enable, with toasts and cache refresh, shared by the list and the detail page. */
export function useUserMutations() {
  const utils = trpc.useUtils();
  const toast = useToast();
  const refresh = async () => {
    await Promise.all([
      utils.users.list.invalidate(),
      utils.users.get.invalidate(),
      utils.system.overview.invalidate(),
    ]);
  };
  const onError = (error: unknown) => toast.error(errorMessage(error));

  const setRoles = trpc.users.setRoles.useMutation({
    onSuccess: async (user) => {
      toast.success(`Roles of ${user.email} updated.`);
      await refresh();
    },
    onError,
  });
  const disable = trpc.users.disable.useMutation({
    onSuccess: async (user) => {
      toast.success(`${user.email} was disabled.`);
      await refresh();
    },
    onError,
  });
  const enable = trpc.users.enable.useMutation({
    onSuccess: async (user) => {
      toast.success(`${user.email} was enabled.`);
      await refresh();
    },
    onError,
  });

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
