import { describe, expect, it } from 'vitest';
import { createLogPushDriver } from './push-log';

describe('log push driver', () => {
  it('logs the push with only the token’s last 6 characters and returns a log id', async () => {
    const lines: { obj: Record<string, unknown>; msg: string }[] = [];
    const driver = createLogPushDriver({ info: (obj, msg) => lines.push({ obj, msg }) });
    const token = 'f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f';

    const sent = await driver.send({
      deliveryId: 'dlv_01',
      token,
      platform: 'android',
      title: 'Build finished',
      body: 'main is green',
      data: { buildId: '42' },
    });

    expect(sent).toEqual({ provider: 'log', providerMessageId: 'log-dlv_01' });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.obj).toMatchObject({
      deliveryId: 'dlv_01',
      platform: 'android',
      token: '…2d1e0f',
      title: 'Build finished',
      body: 'main is green',
      data: { buildId: '42' },
    });
    expect(JSON.stringify(lines)).not.toContain(token.slice(0, -6));
  });
});
