/**
 * The loopback SendGrid of `delivery-bench.ts`, in a process of its own: answers POST /v3/mail/send with 202
 * and stamps when each delivery id arrived (wall-clock ms), which the bench asks for at the end.
 */
import { startFakeSendgrid } from '../src/testing/fake-sendgrid';

const arrivals: Record<string, number> = {};
const fake = await startFakeSendgrid({ apiKey: 'SG.bench' });
fake.respondWith((request) => {
  const id = (request.body as { custom_args?: { deliveryId?: string } }).custom_args?.deliveryId;
  if (id) arrivals[id] = performance.timeOrigin + performance.now();
  // Keep memory flat over a long run: the bench reads arrivals, not the recorded requests.
  fake.requests.length = 0;
  return undefined;
});
process.on('message', () => process.send?.({ arrivals }));
// Never outlive the bench: its end (or death) closes the IPC channel.
process.on('disconnect', () => process.exit(0));
process.send?.({ baseUrl: fake.baseUrl });
