import { PRODUCT_ID_PATTERN } from '@bytelyst/scheduler/schema';
import { describe, expect, it } from 'vitest';
import { ZProductId } from '../products/schema';

describe("the scheduler's product slug", () => {
  it.each(['lysnrai', 'a1', 'my-app', 'a'.repeat(32), 'a'.repeat(33), 'x', 'Lysnr', '1abc', 'a_b', '*', ''])(
    'agrees with ZProductId on %j',
    (id) => {
      expect(PRODUCT_ID_PATTERN.test(id)).toBe(ZProductId.safeParse(id).success);
    },
  );
});
