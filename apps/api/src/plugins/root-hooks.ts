import type { FastifyInstance } from 'fastify';

/**
 * Adds hooks at the root, in registration order with the plugins around it (as fastify-plugin does): the hooks
 * apply to every route, and run after those of plugins registered before (CORS's, so a refusal still carries
 * its headers) and before those registered after. The request pipeline's plugins (IP rules, maintenance, rate
 * limits) each register through this, one line after the other in server.ts, with the request decorations
 * their hooks use.
 */
export const registerRootHooks = (app: FastifyInstance, addHooks: (root: FastifyInstance) => void): void => {
  const plugin = async (root: FastifyInstance) => addHooks(root);
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });
  void app.register(plugin);
};
