/** Where to go after sign-in: only a same-origin path is followed, anything else goes home. */
export const safeNext = (value: string | string[] | null | undefined): string => {
  const next = Array.isArray(value) ? value[0] : value;
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
};
