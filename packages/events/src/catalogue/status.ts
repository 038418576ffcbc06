import { z } from 'zod';
import { def, id } from './def';

/**
 * The public status page: incidents and scheduled maintenance. Public, so that webhook endpoints can follow the
 * status page the way Statuspage's webhook subscribers do; email subscribers get the same notices by mail.
 */

const incidentPayload = z.object({
  incidentId: id,
  title: z.string(),
  status: z.enum(['investigating', 'identified', 'monitoring', 'resolved']),
  /** The worst impact on any affected component; `none` when it names no component. */
  impact: z.enum(['none', 'degraded_performance', 'partial_outage', 'major_outage']),
  components: z.array(
    z.object({
      id,
      name: z.string(),
      impact: z.enum(['degraded_performance', 'partial_outage', 'major_outage']),
    }),
  ),
  /** The public update this change posted; null for a change without one (a postmortem, a new title). */
  update: z
    .object({
      id,
      status: z.enum(['investigating', 'identified', 'monitoring', 'resolved']),
      message: z.string(),
      at: z.iso.datetime(),
    })
    .nullable(),
  postmortem: z.boolean(),
  createdAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
});

const incidentExample = (
  status: 'investigating' | 'resolved',
  message: string,
  at: string,
): z.input<typeof incidentPayload> => ({
  incidentId: 'inc_9Kd2Lm4Qx7',
  title: 'Elevated API error rates',
  status,
  impact: 'partial_outage',
  components: [{ id: 'api', name: 'API', impact: 'partial_outage' }],
  update: { id: 'upd_3Fh8Rt1Zw2', status, message, at },
  postmortem: false,
  createdAt: '2026-03-14T09:30:00.000Z',
  resolvedAt: status === 'resolved' ? at : null,
});

const maintenancePayload = z.object({
  maintenanceId: id,
  title: z.string(),
  message: z.string(),
  status: z.enum(['scheduled', 'in_progress', 'completed', 'cancelled']),
  components: z.array(z.object({ id, name: z.string() })),
  scheduledStart: z.iso.datetime(),
  /** Null for a window the maintenance switch opened without an end. */
  scheduledEnd: z.iso.datetime().nullable(),
  startedAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
});

const maintenanceExample = (
  status: 'scheduled' | 'in_progress' | 'completed' | 'cancelled',
): z.input<typeof maintenancePayload> => ({
  maintenanceId: 'mnt_4Tq9Lm2Xc7',
  title: 'Database upgrade',
  message: 'We are upgrading the primary database. Sign-in may be slow for a few minutes.',
  status,
  components: [{ id: 'database', name: 'Database' }],
  scheduledStart: '2026-03-20T02:00:00.000Z',
  scheduledEnd: '2026-03-20T03:00:00.000Z',
  startedAt: status === 'in_progress' || status === 'completed' ? '2026-03-20T02:00:00.000Z' : null,
  completedAt: status === 'completed' ? '2026-03-20T03:00:00.000Z' : null,
});

export const STATUS_EVENTS = {
  'status.incident.created': def({
    version: 1,
    public: true,
    description: 'An incident was opened on the status page, with its first public update.',
    payload: incidentPayload,
    example: incidentExample(
      'investigating',
      'We are investigating elevated error rates on the API.',
      '2026-03-14T09:30:00.000Z',
    ),
  }),
  'status.incident.updated': def({
    version: 1,
    public: true,
    description:
      'An open incident changed: a public update was posted (its status may have moved), its components or impact changed, or a postmortem was published.',
    payload: incidentPayload,
    example: {
      ...incidentExample(
        'investigating',
        'The cause is identified; a fix is being deployed.',
        '2026-03-14T09:50:00.000Z',
      ),
      status: 'identified',
      update: {
        id: 'upd_7Pn2Vb5Kc1',
        status: 'identified',
        message: 'The cause is identified; a fix is being deployed.',
        at: '2026-03-14T09:50:00.000Z',
      },
    },
  }),
  'status.incident.resolved': def({
    version: 1,
    public: true,
    description: 'An incident was resolved; its affected components are no longer impacted by it.',
    payload: incidentPayload,
    example: incidentExample(
      'resolved',
      'The fix is deployed and error rates are back to normal.',
      '2026-03-14T10:40:00.000Z',
    ),
  }),
  'status.maintenance.scheduled': def({
    version: 1,
    public: true,
    description: 'A maintenance window was scheduled on the status page.',
    payload: maintenancePayload,
    example: maintenanceExample('scheduled'),
  }),
  'status.maintenance.updated': def({
    version: 1,
    public: true,
    description: "A maintenance window's title, message, times or components changed.",
    payload: maintenancePayload,
    example: maintenanceExample('scheduled'),
  }),
  'status.maintenance.started': def({
    version: 1,
    public: true,
    description:
      'A maintenance window started (at its scheduled start, or when the maintenance switch was turned on); its components are under maintenance.',
    payload: maintenancePayload,
    example: maintenanceExample('in_progress'),
  }),
  'status.maintenance.completed': def({
    version: 1,
    public: true,
    description:
      'A maintenance window ended (at its scheduled end, or when the maintenance switch was turned off).',
    payload: maintenancePayload,
    example: maintenanceExample('completed'),
  }),
  'status.maintenance.cancelled': def({
    version: 1,
    public: true,
    description: 'A scheduled maintenance window was cancelled before it started.',
    payload: maintenancePayload,
    example: maintenanceExample('cancelled'),
  }),
} as const;
