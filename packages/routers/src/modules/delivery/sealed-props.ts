import type { SecretBox } from '../../lib/secret-box';

/**
 * Props a sender marks secret (a password-reset or verification link: whoever holds it acts as the account)
 * never sit in the delivery log in clear. The entry keeps `[sealed]` in their place and the values sealed
 * under ENCRYPTION_KEY, bound to the entry's id; the dispatcher opens them only to render the mail. Once
 * the mail went to a real provider, the rendered copy the log keeps has them blanked out as well. Only the
 * outbox driver's copy keeps them: that copy is the mail, the one place a token is meant to be read.
 */
export const SEALED = '[sealed]';

const contextOf = (deliveryId: string) => `delivery:${deliveryId}`;

export const sealProps = (
  box: SecretBox,
  deliveryId: string,
  props: Record<string, unknown>,
  keys: readonly string[],
): { props: Record<string, unknown>; sealedProps?: string } => {
  const secret: Record<string, unknown> = {};
  const kept = { ...props };
  for (const key of keys) {
    if (kept[key] === undefined) continue;
    secret[key] = kept[key];
    kept[key] = SEALED;
  }
  if (Object.keys(secret).length === 0) return { props };
  return { props: kept, sealedProps: box.seal(JSON.stringify(secret), contextOf(deliveryId)) };
};

type Sealable = { id: string; props: Record<string, unknown> | null; sealedProps?: string };

const secretsOf = (box: SecretBox, doc: Sealable): Record<string, unknown> =>
  doc.sealedProps
    ? (JSON.parse(box.open(doc.sealedProps, contextOf(doc.id))) as Record<string, unknown>)
    : {};

/** The props as the sender gave them, sealed ones opened. */
export const openProps = (box: SecretBox, doc: Sealable): Record<string, unknown> => ({
  ...doc.props,
  ...secretsOf(box, doc),
});

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `text` with every sealed value (as written, and as HTML writes it) replaced by `[sealed]`. */
export const blankSealed = (box: SecretBox, doc: Sealable, text: string): string => {
  let out = text;
  for (const value of Object.values(secretsOf(box, doc))) {
    if (typeof value !== 'string' || value.length === 0) continue;
    out = out.split(value).join(SEALED).split(escapeHtml(value)).join(SEALED);
  }
  return out;
};
