import { z } from 'zod';

export const PRODUCT_STATUSES = ['draft', 'pre_launch', 'beta', 'active', 'sunset', 'disabled'] as const;
export const ZProductStatus = z.enum(PRODUCT_STATUSES);
export type TProductStatus = z.infer<typeof ZProductStatus>;

export const ZProductId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,31}$/, 'Lowercase slug: a letter, then 1-31 letters, digits or dashes');

export const ZStatusChange = z.object({
  from: ZProductStatus.nullable(),
  to: ZProductStatus,
  at: z.string(),
  by: z.string(),
});

/** How the product's mail looks and where its links lead; LysnrAI and MindLyst mails must not look alike. */
export const ZProductBranding = z.object({
  /** An https image shown at the top of every mail; null: the product name as text. */
  logoUrl: z.url({ protocol: /^https$/, error: 'Expected an https URL' }).nullable(),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Expected a colour such as #4f46e5'),
  /** Shown in every mail's footer; null: EMAIL_FROM_ADDRESS. */
  supportEmail: z.email().nullable(),
  /** The product's web app (sign-in links, the logo's link); null: PUBLIC_APP_URL. */
  appUrl: z.url({ protocol: /^https?$/, error: 'Expected an http(s) URL' }).nullable(),
  /** The sender's display name; null: the product's name. */
  emailFromName: z.string().trim().min(1).max(100).nullable(),
});
export type TProductBranding = z.infer<typeof ZProductBranding>;

export const DEFAULT_BRANDING: TProductBranding = {
  logoUrl: null,
  accentColor: '#4f46e5',
  supportEmail: null,
  appUrl: null,
  emailFromName: null,
};

export const ZProduct = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  status: ZProductStatus,
  statusHistory: z.array(ZStatusChange),
  branding: ZProductBranding,
  /** Sign-in is refused (403, `reason: 'email_not_verified'`) until the user verified their address. */
  requireVerifiedEmail: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Pass back as `ifMatch` to update or transition only if nobody changed it meanwhile. */
  etag: z.string(),
});
export type TProduct = z.infer<typeof ZProduct>;

export const ZProductPublic = ZProduct.pick({ id: true, name: true, status: true });

export const ZProductCreateInput = z.object({
  id: ZProductId,
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).default(''),
  status: z.enum(['draft', 'pre_launch', 'beta', 'active']).default('draft'),
});

export const ZProductUpdateInput = z.object({
  id: ZProductId,
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().trim().max(2000).optional(),
  /** Only the fields given change. */
  branding: ZProductBranding.partial().optional(),
  requireVerifiedEmail: z.boolean().optional(),
  ifMatch: z.string().optional(),
});

export const ZProductTransitionInput = z.object({
  id: ZProductId,
  to: ZProductStatus,
  ifMatch: z.string().optional(),
});

export const ZProductGetInput = z.object({ id: ZProductId });

export const ZProductListInput = z.object({ status: ZProductStatus.optional() });
