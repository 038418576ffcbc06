/** The users under a legal hold at one moment, by product. */
export type HeldUsers = {
  has(productId: string, userId: string | null | undefined): boolean;
  /** Every held user id of a product (`*`: of every product, for platform-wide documents). */
  of(productId: string): ReadonlySet<string>;
};

/**
 * Lets a module that deletes a user's documents on its own schedule (ended sessions, telemetry past its
 * retention, export files) leave held users' documents alone. The holds are the retention module's, built after
 * those modules, so they get this handle, which services.ts binds to the retention service once it exists.
 */
export type LegalHolds = { held(): Promise<HeldUsers> };

export const heldUsersOf = (holds: readonly { productId: string; userId: string }[]): HeldUsers => {
  const byProduct = new Map<string, Set<string>>();
  const all = new Set<string>();
  for (const { productId, userId } of holds) {
    const set = byProduct.get(productId) ?? new Set<string>();
    set.add(userId);
    byProduct.set(productId, set);
    all.add(userId);
  }
  const empty: ReadonlySet<string> = new Set();
  const of = (productId: string) => (productId === '*' ? all : (byProduct.get(productId) ?? empty));
  return { has: (productId, userId) => !!userId && of(productId).has(userId), of };
};

export const createLegalHoldsSlot = () => {
  let target: LegalHolds['held'] | undefined;
  return {
    // Unbound only while the platform is being built, before any job can run; a deletion then fails loudly.
    held: () =>
      target
        ? target()
        : Promise.reject(new Error('Legal holds are not available before the platform is built')),
    bind(held: LegalHolds['held']) {
      target = held;
    },
  };
};
