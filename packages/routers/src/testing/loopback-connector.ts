import { addressAllowed, type Connector, systemConnector } from '../lib/outbound';

/**
 * The connect step of every test that lets the outbound guard (SSO, webhooks) open a real connection: it
 * connects only to 127.0.0.0/8 and ::1 and throws for any other address, so a guard bug fails the test
 * instead of reaching a network.
 */
export const loopbackOnlyConnector: Connector = (target) => {
  if (!addressAllowed('loopback', target.address)) {
    throw new Error(`test connector: ${target.address} is not loopback; no connection is made`);
  }
  return systemConnector(target);
};
