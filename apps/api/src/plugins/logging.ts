import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/**
 * One log line per request (on completion, with method, url, status and time) instead of Fastify's two
 * ("incoming request" + "request completed"): pino serialisation is a visible share of a small request's cost.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const line = {
      method: request.method,
      // A signed blob URL's query is a bearer credential until it expires: keep it out of the logs.
      url: request.url.startsWith('/blobs/') ? (request.url.split('?')[0] ?? '') : request.url,
      statusCode: reply.statusCode,
      responseTime: reply.elapsedTime,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
