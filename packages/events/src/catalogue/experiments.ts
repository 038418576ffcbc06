import { z } from 'zod';
import { def, id } from './def';

/** A/B experiments: their lifecycle and conclusion. */
export const EXPERIMENT_EVENTS = {
  'experiment.created': def({
    version: 1,
    public: false,
    description: 'A draft experiment was created.',
    payload: z.object({ experimentId: id, key: z.string(), variants: z.array(z.string()) }),
  }),
  'experiment.updated': def({
    version: 1,
    public: false,
    description: "An experiment's definition changed (the fields named in `changes`).",
    payload: z.object({ experimentId: id, changes: z.array(z.string()) }),
  }),
  'experiment.deleted': def({
    version: 1,
    public: false,
    description: 'An experiment was deleted with its assignments and exposures.',
    payload: z.object({ experimentId: id }),
  }),
  'experiment.started': def({
    version: 1,
    public: true,
    description: 'An experiment started (or resumed after a pause): clients are assigned to its variants.',
    payload: z.object({
      experimentId: id,
      key: z.string(),
      startedAt: z.string(),
      resumed: z.boolean(),
    }),
    example: {
      experimentId: 'checkout-button',
      key: 'checkout-button',
      startedAt: '2026-06-01T12:00:00.000Z',
      resumed: false,
    },
  }),
  'experiment.paused': def({
    version: 1,
    public: true,
    description: 'A running experiment was paused: no unit is assigned or exposed until it starts again.',
    payload: z.object({ experimentId: id, key: z.string() }),
    example: { experimentId: 'checkout-button', key: 'checkout-button' },
  }),
  'experiment.concluded': def({
    version: 1,
    public: true,
    description:
      'An experiment was concluded with a winning variant, or stopped without one; `flagRollout` says what ' +
      'happens to the flag it is backed by (on at 100 % for a treatment winner, off for control).',
    payload: z.object({
      experimentId: id,
      key: z.string(),
      /** The winning variant's id, or null when the experiment was stopped without a winner. */
      winningVariant: z.string().nullable(),
      winningVariationIndex: z.number().int().nullable(),
      reason: z.string(),
      flagKey: z.string().nullable(),
      flagRollout: z.enum(['on', 'off', 'unchanged']),
      /** Set when the sample ratio mismatch check failed and the conclusion overrode it. */
      srmOverrideReason: z.string().nullable(),
    }),
    example: {
      experimentId: 'checkout-button',
      key: 'checkout-button',
      winningVariant: 'treatment',
      winningVariationIndex: 1,
      reason: 'Treatment raised checkout conversion by 4.1 % (95 % CI 1.2 % to 7.0 %).',
      flagKey: 'new-checkout-button',
      flagRollout: 'on',
      srmOverrideReason: null,
    },
  }),
  'experiment.results_computed': def({
    version: 1,
    public: false,
    description: "An experiment's results were computed (by the hourly job or on demand) and stored.",
    payload: z.object({
      experimentId: id,
      computedAt: z.string(),
      units: z.number().int(),
      srmMismatch: z.boolean(),
    }),
  }),
} as const;
