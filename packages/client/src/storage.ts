/** The tokens of one signed-in session, as the client keeps them. */
export type TokenSet = {
  accessToken: string;
  /** Rotates on every refresh: the stored one is the only one the platform still accepts. */
  refreshToken: string;
  /** Epoch ms when the access token expires (the client's clock). */
  expiresAt: number;
};

/**
 * Where the client keeps the session's tokens. Methods may be sync or async (a React Native keychain, an
 * IndexedDB wrapper). `set` is called with every rotated refresh token: losing one write signs the user out
 * at the next refresh, since the platform treats an old refresh token as stolen.
 */
export interface TokenStorage {
  get(): TokenSet | null | Promise<TokenSet | null>;
  set(tokens: TokenSet): void | Promise<void>;
  clear(): void | Promise<void>;
}

/** The default: tokens live as long as the page (or process). */
export const memoryStorage = (initial: TokenSet | null = null): TokenStorage => {
  let tokens = initial;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
    clear: () => {
      tokens = null;
    },
  };
};

/** The part of the Web Storage API the adapter uses (window.localStorage, sessionStorage, a test double). */
export type WebStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const isTokenSet = (value: unknown): value is TokenSet => {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.accessToken === 'string' && typeof v.refreshToken === 'string' && typeof v.expiresAt === 'number'
  );
};

/**
 * Tokens in localStorage under `key`, so a reload stays signed in. Anything a page's scripts can read, an XSS
 * can read too: prefer memoryStorage where staying signed in across reloads is not needed.
 */
export const localStorageStorage = (
  key = 'bytelyst.session',
  storage: WebStorageLike = globalThis.localStorage,
): TokenStorage => ({
  get: () => {
    const raw = storage.getItem(key);
    if (!raw) return null;
    try {
      const parsed: unknown = JSON.parse(raw);
      return isTokenSet(parsed) ? parsed : null;
    } catch {
      // A corrupt entry is no session.
      return null;
    }
  },
  set: (tokens) => storage.setItem(key, JSON.stringify(tokens)),
  clear: () => storage.removeItem(key),
});
