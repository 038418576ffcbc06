'use client';

import { ROLES, type TRole, type TUserDetail } from '@bytelyst/routers/modules/users/schema';
import { useEffect, useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ROLE_LABELS } from '~/components/kit/status-badges';
import { useUserMutations } from './use-user-mutations';

const ROLE_HINTS: Record<TRole, string> = {
  user: 'Uses the product; no console access.',
  admin: 'Manages users, tokens and reads the audit log.',
  super_admin: 'Everything, including products and other admins.',
};

export function UserRolesEditor({ user }: { user: TUserDetail }) {
  const [roles, setRoles] = useState<TRole[]>(user.roles);
  const mutations = useUserMutations();
  useEffect(() => setRoles(user.roles), [user.roles]);

  const dirty = roles.length !== user.roles.length || roles.some((role) => !user.roles.includes(role));
  const toggle = (role: TRole, checked: boolean) =>
    setRoles((current) =>
      checked ? ROLES.filter((r) => r === role || current.includes(r)) : current.filter((r) => r !== role),
    );

  return (
    <Card titleId="roles-title" title="Roles" bodyClassName="stack">
      <fieldset className="stack" style={{ border: 0, margin: 0, padding: 0 }}>
        <legend className="visually-hidden">Roles of {user.email}</legend>
        {ROLES.map((role) => (
          <label key={role} className="checkbox-row" style={{ alignItems: 'flex-start' }}>
            <input
              type="checkbox"
              checked={roles.includes(role)}
              onChange={(event) => toggle(role, event.target.checked)}
            />
            <span>
              {ROLE_LABELS[role]}
              <span className="field-hint" style={{ display: 'block', fontWeight: 400 }}>
                {ROLE_HINTS[role]}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {roles.length === 0 ? <p className="field-error">Keep at least one role.</p> : null}
      <div className="btn-group">
        <Button
          variant="primary"
          disabled={!dirty || roles.length === 0}
          loading={mutations.pendingId === user.id}
          onClick={() => mutations.setRoles(user.id, roles)}
        >
          Save roles
        </Button>
        {dirty ? <Button onClick={() => setRoles(user.roles)}>Reset</Button> : null}
      </div>
    </Card>
  );
}
