import { z } from 'zod';
import { def, id } from './def';

/**
 * The changelog (roadmap §2.16). Publishing and unpublishing are public, so that a webhook endpoint can post
 * release notes where a team reads them; drafting stays internal.
 */

const ZCategory = z.enum(['feature', 'improvement', 'bugfix', 'security']);

const entryPayload = z.object({
  entryId: id,
  version: z.string(),
  title: z.string(),
  category: ZCategory,
  platforms: z.array(z.string()),
  state: z.enum(['draft', 'scheduled', 'published']),
  publishedAt: z.iso.datetime().nullable(),
  scheduledAt: z.iso.datetime().nullable(),
});

const example = (
  state: 'draft' | 'scheduled' | 'published',
  at: { publishedAt?: string; scheduledAt?: string } = {},
): z.input<typeof entryPayload> => ({
  entryId: 'v2.4.0',
  version: '2.4.0',
  title: 'Offline dictation',
  category: 'feature',
  platforms: ['ios', 'android'],
  state,
  publishedAt: at.publishedAt ?? null,
  scheduledAt: at.scheduledAt ?? null,
});

export const CHANGELOG_EVENTS = {
  'changelog.created': def({
    version: 1,
    public: false,
    description: 'A changelog entry was drafted.',
    payload: entryPayload,
    example: example('draft'),
  }),
  'changelog.updated': def({
    version: 1,
    public: false,
    description: "A changelog entry's version, title, body, category or platforms changed.",
    payload: entryPayload,
    example: example('draft'),
  }),
  'changelog.scheduled': def({
    version: 1,
    public: false,
    description: 'A changelog entry was scheduled; the changelog-publish job publishes it at scheduledAt.',
    payload: entryPayload,
    example: example('scheduled', { scheduledAt: '2026-03-20T09:00:00.000Z' }),
  }),
  'changelog.published': def({
    version: 1,
    public: true,
    description:
      'A changelog entry was published (now, or by the job at its scheduled time); clients see it on GET /v1/changelog.',
    payload: entryPayload.extend({
      /** Whether publishing also announces it to a segment through delivery. */
      announced: z.boolean(),
    }),
    example: { ...example('published', { publishedAt: '2026-03-20T09:00:00.000Z' }), announced: false },
  }),
  'changelog.unpublished': def({
    version: 1,
    public: true,
    description: 'A published changelog entry was taken back to draft; clients no longer see it.',
    payload: entryPayload,
    example: example('draft'),
  }),
  'changelog.deleted': def({
    version: 1,
    public: false,
    description: 'A changelog entry was deleted.',
    payload: entryPayload,
    example: example('draft'),
  }),
} as const;
