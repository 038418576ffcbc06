import { z } from 'zod';
import { def, id } from './def';

const ZFeedbackType = z.enum(['bug_report', 'feature_request', 'nps_survey', 'general']);

/** In-app feedback and NPS: submissions and the inbox's state changes. Internal only. */
export const FEEDBACK_EVENTS = {
  'feedback.submitted': def({
    version: 1,
    public: false,
    description:
      'A signed-in user sent feedback (bug report, feature request, NPS answer or a general note); a feature request names the tracker item it opened or voted for.',
    payload: z.object({
      feedbackId: id,
      type: ZFeedbackType,
      platform: z.string(),
      userId: id,
      score: z.number().int().min(0).max(10).nullable(),
      trackerItemId: z.string().nullable(),
    }),
  }),
  'feedback.converted': def({
    version: 1,
    public: false,
    description: 'An admin turned feedback into a tracker item.',
    payload: z.object({ feedbackId: id, trackerItemId: id, kind: z.enum(['bug', 'feature', 'task']) }),
  }),
  'feedback.replied': def({
    version: 1,
    public: false,
    description: 'An admin answered feedback; the reply is mailed to the user through delivery.',
    payload: z.object({ feedbackId: id, replyId: id, userId: id }),
  }),
  'feedback.dismissed': def({
    version: 1,
    public: false,
    description: 'An admin dismissed feedback from the inbox.',
    payload: z.object({ feedbackId: id, reason: z.string().nullable() }),
  }),
} as const;
