import type { DocumentStore } from '@bytelyst/db/document-store';
import { ALL_CONTAINERS } from '../services';

/** The `token` query parameter of the first link in a mail's text that starts with `base`. */
export const tokenInMail = (mail: { text: string | null }, base: string): string => {
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const link = new RegExp(`${escaped}\\?token=([^\\s\\])>"]+)`).exec(mail.text ?? '');
  if (!link?.[1]) throw new Error(`no ${base}?token= link in the mail`);
  return decodeURIComponent(link[1]);
};

/** Every stored document of every container, as `container/id -> JSON`, to prove what is (not) kept. */
export const storedDocuments = async (store: DocumentStore): Promise<Map<string, string>> => {
  const out = new Map<string, string>();
  // A full-text index (search) holds what its records hold, read through fullText(), not as documents.
  for (const def of ALL_CONTAINERS.filter((d) => !d.fullText)) {
    let continuation: string | undefined;
    do {
      const page = await store
        .container<{ id: string }>(def.name)
        .query({ limit: 1000, ...(continuation ? { continuation } : {}) });
      for (const doc of page.items) out.set(`${def.name}/${doc.id}`, JSON.stringify(doc));
      continuation = page.continuation ?? undefined;
    } while (continuation);
  }
  return out;
};

/** The stored documents whose JSON contains `secret` (expected: none, or only the outbox's copy of a mail). */
export const documentsHolding = async (store: DocumentStore, secret: string): Promise<string[]> =>
  [...(await storedDocuments(store))].filter(([, json]) => json.includes(secret)).map(([key]) => key);
