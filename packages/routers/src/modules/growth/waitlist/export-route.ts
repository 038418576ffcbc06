import { Readable } from 'node:stream';
import { defineRoute, errorResponse, type HttpRoute } from '../../../http-route';
import { waitlistCsv } from './csv';
import { WAITLIST_STATUSES, ZWaitlistFilters } from './schema';
import type { WaitlistService } from './service';

export const WAITLIST_EXPORT_PATH = '/v1/waitlist/export.csv';

/**
 * The waitlist as CSV. tRPC answers JSON only, so this is a plain route: the caller must be an admin of the
 * product, every export is written to the audit log as an admin procedure's mutation is, and the rows come from
 * the service one store page at a time, so a waitlist of any length never sits in memory. Filters: the list's
 * (status, search, createdFrom, createdTo).
 */
export const waitlistExportRoute = (waitlist: Pick<WaitlistService, 'exportPages'>): HttpRoute<'admin'> =>
  defineRoute({
    method: 'GET',
    path: WAITLIST_EXPORT_PATH,
    procedure: 'waitlist.export',
    level: 'admin',
    openapi: {
      operationId: 'waitlist-export',
      tags: ['waitlist'],
      summary: 'Download the waitlist as CSV',
      description:
        'Admins only. Streams every matching entry in position order (RFC 4180, UTF-8; cells that a spreadsheet ' +
        'would run as a formula are prefixed with a quote). Each export is written to the audit log.',
      parameters: [
        { name: 'status', in: 'query', schema: { type: 'string', enum: [...WAITLIST_STATUSES] } },
        { name: 'search', in: 'query', description: 'Part of the email', schema: { type: 'string' } },
        { name: 'createdFrom', in: 'query', schema: { type: 'string', format: 'date-time' } },
        { name: 'createdTo', in: 'query', schema: { type: 'string', format: 'date-time' } },
      ],
      responses: {
        '200': { description: 'The CSV file', content: { 'text/csv': { schema: { type: 'string' } } } },
        '400': errorResponse('A filter is invalid (named in `fields`)'),
        '401': errorResponse('Not signed in'),
        '403': errorResponse('Not an admin of the product'),
      },
    },
    async handle(request, ctx) {
      const filters = ZWaitlistFilters.parse(request.query);
      await ctx.audit({ action: 'waitlist.export', targetType: 'waitlist_entry', input: filters });
      const day = new Date(ctx.services.clock()).toISOString().slice(0, 10);
      return {
        status: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="waitlist-${ctx.productId}-${day}.csv"`,
          'cache-control': 'no-store',
        },
        body: Readable.from(waitlistCsv(waitlist.exportPages(ctx.productId, filters))),
      };
    },
  });
