/** The slice of a pino logger the bus uses; Fastify's logger fits. */
export type BusLogger = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export const NOOP_LOGGER: BusLogger = { info: () => {}, warn: () => {}, error: () => {} };
