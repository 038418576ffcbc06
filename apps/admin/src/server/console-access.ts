/** Who may use the console: the API's admins. Any sign-in path (password, SSO) checks the same roles. */
const CONSOLE_ROLES: ReadonlySet<string> = new Set(['admin', 'super_admin']);

export const hasConsoleAccess = (roles: readonly string[]): boolean =>
  roles.some((role) => CONSOLE_ROLES.has(role));

export const NO_CONSOLE_ACCESS =
  'This account has no console access. Ask an admin to grant you the admin role.';
