import type { FastifyInstance } from 'fastify';

/** One mail of the outbox as an operator reads it through REST (GET /v1/delivery/log/{id}). */
export type OutboxMail = {
  id: string;
  to: string;
  template: string;
  subject: string | null;
  text: string | null;
};

/**
 * The mails of one template to one address, newest first, read through the REST face as an admin (with
 * EMAIL_DRIVER=outbox the delivery log holds each rendered mail). Drain the bus first.
 */
export const outboxMails = async (
  app: FastifyInstance,
  adminToken: string,
  email: string,
  template: string,
  productId?: string,
): Promise<OutboxMail[]> => {
  const headers = productId ? { 'x-product-id': productId } : {};
  const list = await app.inject({
    method: 'GET',
    url: `/v1/delivery/log?${new URLSearchParams({ email, template })}`,
    headers: { authorization: `Bearer ${adminToken}`, ...headers },
  });
  if (list.statusCode !== 200) throw new Error(`delivery log: ${list.statusCode} ${list.payload}`);
  const items = (list.json() as { items: { id: string }[] }).items;
  return Promise.all(
    items.map(async ({ id }) => {
      const detail = await app.inject({
        method: 'GET',
        url: `/v1/delivery/log/${id}`,
        headers: { authorization: `Bearer ${adminToken}`, ...headers },
      });
      return detail.json() as OutboxMail;
    }),
  );
};
