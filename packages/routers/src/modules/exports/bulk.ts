import { isAppError } from '../../app-error';
import type { LicensesService } from '../licenses/service';
import type { Actor } from '../users/rules';
import type { UsersService } from '../users/service';
import type { ExportRow } from './format';
import type { ItemDoc } from './repository';
import { parseBulkFilters, type TBulkCreateInput, type TBulkPreview, type TItemState } from './schema';
import type { ExportSources } from './sources';

/** One item as a selection finds it: its id, what a person recognises it by, and whether it needs changing. */
export type Target = { id: string; label: string | null; unchanged: boolean };
export type SelectPage = { targets: Target[]; cursor: string | null };
export type ItemResult = {
  state: Exclude<TItemState, 'pending'>;
  message: string | null;
  label: string | null;
};

/** What a bulk job stores as its `filters`: the request less its operation. */
export type BulkParams =
  | { operation: 'users.setStatus'; status: 'active' | 'disabled'; selection: Selection }
  | { operation: 'licenses.revoke'; reason?: string | undefined; selection: Selection };
type Selection = { ids?: string[] | undefined; filters?: Record<string, unknown> | undefined };

export const paramsOf = (input: TBulkCreateInput): BulkParams => {
  const selection = input.selection.ids
    ? { ids: [...new Set(input.selection.ids)] }
    : { filters: parseBulkFilters(input.operation, input.selection.filters ?? {}) };
  return input.operation === 'users.setStatus'
    ? { operation: input.operation, status: input.status ?? 'disabled', selection }
    : { operation: input.operation, ...(input.reason ? { reason: input.reason } : {}), selection };
};

const licenseLabel = (row: ExportRow) => `${String(row.keyPrefix)}…${String(row.keySuffix)}`;

export type BulkDeps = {
  sources: ExportSources;
  users: Pick<UsersService, 'find' | 'setStatus'>;
  licenses: Pick<LicensesService, 'get' | 'revoke'>;
};

/**
 * The operations a bulk job knows: how a selection is walked (by ids or by the table's filter, through the
 * export sources) and how one item is applied, always through the owning module's service, so its own rules,
 * events and session revocations happen exactly as for a single change.
 */
export const createBulkOperations = (deps: BulkDeps) => {
  const { sources } = deps;

  /** The target state of the operation, to tell items that are already there. */
  const alreadyThere = (params: BulkParams, row: ExportRow) =>
    params.operation === 'users.setStatus' ? row.status === params.status : row.status === 'revoked';

  const rowsByIds = async (productId: string, params: BulkParams, ids: string[]) => {
    if (params.operation === 'users.setStatus') {
      const rows = [];
      for (const id of ids) {
        const user = await deps.users.find(productId, id);
        rows.push(user ? { id, label: user.email, row: { status: user.status } as ExportRow } : { id });
      }
      return rows;
    }
    const rows = [];
    for (const id of ids) {
      try {
        const license = await deps.licenses.get(productId, id);
        rows.push({ id, label: licenseLabel(license), row: { status: license.status } as ExportRow });
      } catch (error) {
        if (!isAppError(error) || error.code !== 'NOT_FOUND') throw error;
        rows.push({ id });
      }
    }
    return rows;
  };

  /** One page of the selection from `cursor` (an offset into the ids, or a store continuation). */
  const select = async (
    productId: string,
    params: BulkParams,
    cursor: string | null,
    limit: number,
  ): Promise<SelectPage> => {
    const { ids, filters } = params.selection;
    if (ids) {
      const start = cursor ? Number(cursor) : 0;
      const slice = ids.slice(start, start + limit);
      const found = await rowsByIds(productId, params, slice);
      const next = start + slice.length;
      return {
        targets: found.map((f) => ({
          id: f.id,
          label: f.label ?? null,
          unchanged: f.row ? alreadyThere(params, f.row) : true,
        })),
        cursor: next < ids.length ? String(next) : null,
      };
    }
    const page =
      params.operation === 'users.setStatus'
        ? await sources.users.page(productId, filters ?? {}, cursor, limit)
        : await sources.licenses.page(productId, filters ?? {}, cursor, limit);
    return {
      targets: page.rows.map((row) => ({
        id: String(row.id),
        label: params.operation === 'users.setStatus' ? String(row.email) : licenseLabel(row),
        unchanged: alreadyThere(params, row),
      })),
      cursor: page.continuation,
    };
  };

  /** Walks the whole selection without changing anything: the dry run. */
  const preview = async (productId: string, params: BulkParams): Promise<TBulkPreview> => {
    let count = 0;
    let unchanged = 0;
    let cursor: string | null = null;
    do {
      const page = await select(productId, params, cursor, 200);
      count += page.targets.length;
      unchanged += page.targets.filter((t) => t.unchanged).length;
      cursor = page.cursor;
    } while (cursor);
    return { operation: params.operation, count, unchanged };
  };

  const outcome = async (label: string | null, change: () => Promise<unknown>): Promise<ItemResult> => {
    try {
      await change();
      return { state: 'done', message: null, label };
    } catch (error) {
      // A refusal by the module's rules (a super_admin, the actor themself) is its message; anything else is
      // reported without internals.
      const message = isAppError(error) && error.code !== 'INTERNAL' ? error.message : 'Internal error';
      return { state: 'failed', message, label };
    }
  };

  /** Applies the operation to one item. */
  const apply = async (
    productId: string,
    params: BulkParams,
    actor: Actor,
    item: Pick<ItemDoc, 'targetId' | 'label'>,
  ): Promise<ItemResult> => {
    if (params.operation === 'users.setStatus') {
      const user = await deps.users.find(productId, item.targetId);
      if (!user) return { state: 'skipped', message: 'User not found', label: item.label };
      if (user.status === params.status) {
        return { state: 'skipped', message: `Already ${params.status}`, label: user.email };
      }
      return outcome(user.email, () => deps.users.setStatus(productId, actor, user.id, params.status));
    }
    let license: Awaited<ReturnType<LicensesService['get']>>;
    try {
      license = await deps.licenses.get(productId, item.targetId);
    } catch (error) {
      if (isAppError(error) && error.code === 'NOT_FOUND') {
        return { state: 'skipped', message: 'License not found', label: item.label };
      }
      throw error;
    }
    const label = licenseLabel(license);
    if (license.status === 'revoked') return { state: 'skipped', message: 'Already revoked', label };
    return outcome(label, () => deps.licenses.revoke(productId, license.id, actor.userId, params.reason));
  };

  return { select, preview, apply };
};

export type BulkOperations = ReturnType<typeof createBulkOperations>;
