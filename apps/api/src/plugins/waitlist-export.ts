import { Readable } from 'node:stream';
import {
  createHttpAccess,
  type HttpContext,
  isProtected,
  type ProcedureLevel,
} from '@bytelyst/routers/http-access';
import { waitlistCsv } from '@bytelyst/routers/modules/growth/waitlist/csv';
import { WAITLIST_STATUSES, ZWaitlistFilters } from '@bytelyst/routers/modules/growth/waitlist/schema';
import type { WaitlistService } from '@bytelyst/routers/modules/growth/waitlist/service';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeError } from './errors';
import { ERROR_RESPONSE, type OpenApiPathItem } from './openapi-raw';
import { type ContextFactory, contextInput } from './trpc';

export const WAITLIST_EXPORT_PATH = '/v1/waitlist/export.csv';
/** As for a procedure, the level decides both who may call it and its security in the document. */
const LEVEL = 'admin' satisfies ProcedureLevel;
/** Its entry in the OpenAPI document (tRPC answers JSON only, so the route is plain Fastify). */
export const WAITLIST_EXPORT_OPENAPI: OpenApiPathItem = {
  get: {
    operationId: 'waitlist-export',
    tags: ['waitlist'],
    summary: 'Download the waitlist as CSV',
    description:
      'Admins only. Streams every matching entry in position order (RFC 4180, UTF-8; cells that a spreadsheet ' +
      'would run as a formula are prefixed with a quote). Each export is written to the audit log.',
    ...(isProtected(LEVEL) ? { security: [{ bearerAuth: [] }] } : {}),
    parameters: [
      {
        name: 'status',
        in: 'query',
        schema: { type: 'string', enum: [...WAITLIST_STATUSES] },
      },
      { name: 'search', in: 'query', description: 'Part of the email', schema: { type: 'string' } },
      { name: 'createdFrom', in: 'query', schema: { type: 'string', format: 'date-time' } },
      { name: 'createdTo', in: 'query', schema: { type: 'string', format: 'date-time' } },
    ],
    responses: {
      '200': { description: 'The CSV file', content: { 'text/csv': { schema: { type: 'string' } } } },
      '400': ERROR_RESPONSE('A filter is invalid (named in `fields`)'),
      '401': ERROR_RESPONSE('Not signed in'),
      '403': ERROR_RESPONSE('Not an admin of the product'),
    },
  },
};

const refuse = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
  const { status, body } = describeError(error);
  if (status >= 500) request.log.error({ err: error }, 'waitlist export failed');
  return reply.code(status).header('cache-control', 'no-store').send(body);
};

/**
 * The waitlist as CSV. tRPC answers JSON only, so this route streams the
 * file itself, through the routers' HTTP access (the procedures' context factory, level check and audit
 * record): the caller must be an admin of the product, and every export is written to the audit log as an
 * admin procedure's mutation is. The rows come from the service one store page at a time, so a waitlist of
 * any length never sits in memory. Filters: the list's (status, search, createdFrom, createdTo).
 */
export const registerWaitlistExport = (
  app: FastifyInstance,
  deps: { createContext: ContextFactory; waitlist: Pick<WaitlistService, 'exportPages'> },
): void => {
  const access = createHttpAccess(deps.createContext);
  app.get(WAITLIST_EXPORT_PATH, async (request, reply) => {
    request.procedure = 'waitlist.export';
    let ctx: HttpContext<typeof LEVEL>;
    try {
      ctx = await access.authorize(contextInput(request), LEVEL);
    } catch (error) {
      return refuse(request, reply, error);
    }
    const filters = ZWaitlistFilters.safeParse(request.query ?? {});
    if (!filters.success) return refuse(request, reply, filters.error);
    await access.audit(ctx, { action: 'waitlist.export', targetType: 'waitlist_entry', input: filters.data });
    const day = new Date(ctx.services.clock()).toISOString().slice(0, 10);
    const body = Readable.from(waitlistCsv(deps.waitlist.exportPages(ctx.productId, filters.data)));
    body.on('error', (error) => request.log.error({ err: error }, 'waitlist export stream failed'));
    return reply
      .code(200)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="waitlist-${ctx.productId}-${day}.csv"`)
      .header('cache-control', 'no-store')
      .send(body);
  });
};
