import { describeBreakingChanges, findBreakingChanges } from '@bytelyst/routers/lib/openapi-diff';
import { describe, expect, it } from 'vitest';
import {
  liveCurrentDocument,
  REFRESH_COMMAND,
  readSnapshot,
  snapshotPathOf,
} from './testing/openapi-snapshot';

/**
 * The current version's live OpenAPI document may only add to the snapshot published for it
 * (apps/api/openapi/<version>.snapshot.json): clients in the field were built against it. A breaking change
 * needs a new version id, which starts a new snapshot.
 */
describe('OpenAPI breaking-change check', () => {
  it('the live document of the current version keeps everything its snapshot promised', async () => {
    const live = await liveCurrentDocument();
    const snapshot = await readSnapshot(live.info.version);
    expect(
      snapshot,
      `No snapshot for API ${live.info.version} at ${snapshotPathOf(live.info.version)}: publish it with ${REFRESH_COMMAND}`,
    ).toBeDefined();
    const changes = snapshot ? findBreakingChanges(snapshot, live) : [];
    const message = describeBreakingChanges(changes, {
      version: live.info.version,
      refresh: REFRESH_COMMAND,
    });
    expect(changes.length, message).toBe(0);
  });
});
