import { z } from 'zod';
import { ZProductId } from '../products/schema';
import { ZEmail, ZPassword } from '../users/schema';

/** A token as mailed (`rp_...`, `ve_...`); its shape is checked by the service, which answers one message. */
const ZMailedToken = z.string().trim().min(1, 'The link has no token').max(300);

export const ZForgotPasswordInput = z.object({
  email: ZEmail,
  /** The product of the account; default: the request's (`x-product-id`, else the default product). */
  productId: ZProductId.optional(),
});
export type TForgotPasswordInput = z.infer<typeof ZForgotPasswordInput>;

/** The one answer to a request that must not tell whether an account exists or a limit was reached. */
export const ZAcceptedOutput = z.object({ accepted: z.literal(true), message: z.string() });
export type TAcceptedOutput = z.infer<typeof ZAcceptedOutput>;

export const ZResetPasswordInput = z.object({ token: ZMailedToken, newPassword: ZPassword });
export type TResetPasswordInput = z.infer<typeof ZResetPasswordInput>;

export const ZResetPasswordOutput = z.object({ ok: z.literal(true) });

export const ZVerifyEmailInput = z.object({ token: ZMailedToken });

export const ZVerifyEmailOutput = z.object({ verified: z.literal(true), email: z.string() });

/** With a session: the signed-in user's address. Without one: `email` (answered the same whether it exists). */
export const ZResendVerificationInput = z.object({
  email: ZEmail.optional(),
  productId: ZProductId.optional(),
});
export type TResendVerificationInput = z.infer<typeof ZResendVerificationInput>;

/** What a client shows when a sign-in is refused until the address is verified (`data.reason`). */
export const EMAIL_NOT_VERIFIED = 'email_not_verified';
