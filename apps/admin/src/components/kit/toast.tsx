'use client';

import Link from 'next/link';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { Icon } from './icon';

type ToastKind = 'success' | 'error';
/** A page the toast's news is about, such as the log entry of a message just sent. */
export type ToastLink = { href: string; label: string };
type ToastItem = { id: number; kind: ToastKind; message: string; link?: ToastLink | undefined };
type ToastApi = { success(message: string, link?: ToastLink): void; error(message: string): void };

const ToastContext = createContext<ToastApi | null>(null);
const TOAST_MS = 4500;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const push = useCallback(
    (kind: ToastKind, message: string, link?: ToastLink) => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-3), { id, kind, message, link }]);
      setTimeout(() => dismiss(id), TOAST_MS);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({ success: (m, link) => push('success', m, link), error: (m) => push('error', m) }),
    [push],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section className="toasts" aria-label="Notifications">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            className={`toast toast-${toast.kind}`}
            role={toast.kind === 'error' ? 'alert' : 'status'}
          >
            <span className="toast-icon">
              <Icon name={toast.kind === 'error' ? 'alert' : 'check'} size={16} />
            </span>
            <span className="toast-message">
              {toast.message}
              {toast.link ? (
                <>
                  {' '}
                  <Link href={toast.link.href}>{toast.link.label}</Link>
                </>
              ) : null}
            </span>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              aria-label="Dismiss notification"
              onClick={() => dismiss(toast.id)}
            >
              <Icon name="x" size={14} />
            </button>
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast needs <ToastProvider>');
  return api;
}
