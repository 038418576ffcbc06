/**
 * Which operations a rule covers. An operation is a procedure (or a module's plain route) by its name, with
 * the REST route it answers on when it has one (`POST /v1/auth/login`); a rule's pattern names either, so a
 * rule written against the REST route also limits the tRPC call of the same procedure, and the other way round.
 */

export type Operation = {
  /** `auth.login`; a plain route's `procedure` name. */
  name: string;
  /** `POST /v1/auth/login` (the route template, `{id}` and all), when the operation has a REST face. */
  rest?: string;
};

const globToRegExp = (glob: string): RegExp =>
  new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&'))
      .join('.*')}$`,
  );

const isRestPattern = (pattern: string) => pattern.startsWith('/') || pattern.includes(' ');

/** A matcher over operations for one pattern (see ZOperationPattern). */
export const compilePattern = (pattern: string): ((operation: Operation) => boolean) => {
  if (!isRestPattern(pattern)) {
    const re = globToRegExp(pattern);
    return (operation) => re.test(operation.name);
  }
  const space = pattern.indexOf(' ');
  const method = space < 0 ? '*' : pattern.slice(0, space);
  const path = globToRegExp(space < 0 ? pattern : pattern.slice(space + 1));
  return (operation) => {
    if (!operation.rest) return false;
    const at = operation.rest.indexOf(' ');
    if (method !== '*' && operation.rest.slice(0, at) !== method) return false;
    return path.test(operation.rest.slice(at + 1));
  };
};

/** Whether any of `patterns` covers `operation`. */
export const matchesAny = (patterns: readonly string[], operation: Operation): boolean =>
  patterns.some((pattern) => compilePattern(pattern)(operation));
