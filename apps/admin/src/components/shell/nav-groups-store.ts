import { useCallback, useSyncExternalStore } from 'react';

/** Which sidebar groups are collapsed, kept in localStorage so the choice survives a reload. */
const KEY = 'console.nav.collapsed';
const listeners = new Set<() => void>();
const EMPTY = '[]';

const read = () => {
  try {
    return window.localStorage.getItem(KEY) ?? EMPTY;
  } catch {
    return EMPTY;
  }
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
};

const parse = (raw: string): string[] => {
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
};

export function useCollapsedGroups() {
  // The server renders every group open; the stored choice applies once the page hydrates.
  const raw = useSyncExternalStore(subscribe, read, () => EMPTY);
  const collapsed = new Set(parse(raw));
  const toggle = useCallback((label: string) => {
    const next = new Set(parse(read()));
    if (next.has(label)) next.delete(label);
    else next.add(label);
    try {
      window.localStorage.setItem(KEY, JSON.stringify([...next]));
    } catch {
      // Storage can be off (private mode): the group still toggles until the next reload.
    }
    for (const listener of listeners) listener();
  }, []);
  return { isCollapsed: (label: string) => collapsed.has(label), toggle };
}
