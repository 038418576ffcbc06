import { ZPromoCreateInput } from '@bytelyst/routers/modules/promos/schema';

export type PromoFormValues = {
  code: string;
  kind: 'percent' | 'amount';
  percentOff: string;
  amount: string;
  currency: string;
  duration: 'once' | 'repeating' | 'forever';
  durationInMonths: string;
  maxRedemptions: string;
  expiresOn: string;
  firstTimeOnly: boolean;
  plans: string[];
};

export const EMPTY_PROMO: PromoFormValues = {
  code: '',
  kind: 'percent',
  percentOff: '',
  amount: '',
  currency: 'usd',
  duration: 'once',
  durationInMonths: '',
  maxRedemptions: '',
  expiresOn: '',
  firstTimeOnly: false,
  plans: [],
};

const numberOrUndefined = (value: string) => (value.trim() === '' ? undefined : Number(value));

/** The `promos.create` payload, checked with the API's own schema; its issues come back by field. */
export const parsePromoForm = (values: PromoFormValues) => {
  const amountCents = numberOrUndefined(values.amount);
  const raw = {
    code: values.code,
    ...(values.kind === 'percent'
      ? { percentOff: numberOrUndefined(values.percentOff) }
      : {
          amountOff: amountCents === undefined ? undefined : Math.round(amountCents * 100),
          currency: values.currency,
        }),
    duration: values.duration,
    ...(values.duration === 'repeating'
      ? { durationInMonths: numberOrUndefined(values.durationInMonths) }
      : {}),
    maxRedemptions: numberOrUndefined(values.maxRedemptions),
    // A date picked in the console ends at the end of that day (UTC).
    expiresAt: values.expiresOn ? `${values.expiresOn}T23:59:59.000Z` : undefined,
    firstTimeOnly: values.firstTimeOnly,
    plans: values.plans,
  };
  const parsed = ZPromoCreateInput.safeParse(raw);
  if (parsed.success) return { errors: {}, payload: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'code');
    const field = key === 'amountOff' && values.kind === 'amount' ? 'amountOff' : key;
    errors[field] ??=
      issue.message === 'Invalid input: expected number, received undefined' ? 'Required' : issue.message;
  }
  return { errors, payload: null };
};
