/** The runner's options, reports and refusals (runner.ts). */
import type { Clock, DocumentStore } from '../document-store';
import type { LeaseManager } from '../leases';
import type { Migration, MigrationDirection, MigrationLogger, MigrationStatus } from './definition';
import type { ContainerTouch } from './dry-run-store';
import type { MigrationActor, MigrationTrigger, TransitionOutbox } from './records';

export type MigrationErrorCode = 'not_found' | 'conflict' | 'busy' | 'invalid' | 'approval_required';

/** A refused request; the API maps the code to its status. */
export class MigrationError extends Error {
  readonly code: MigrationErrorCode;
  constructor(code: MigrationErrorCode, message: string) {
    super(message);
    this.name = 'MigrationError';
    this.code = code;
  }
}

export type MigrationRunnerOptions = {
  store: DocumentStore;
  leases: LeaseManager;
  migrations: readonly Migration[];
  /** Names this process on the lease and on the records it writes. */
  instanceId: string;
  clock?: Clock;
  logger?: MigrationLogger;
  /** Stages the events of a status change with the write that makes it. */
  outbox?: TransitionOutbox;
  /** Lease term, renewed every third of it while migrations run. Default 30 s. */
  leaseTtlMs?: number;
  /** How often a waiting runner tries for the lease, and how long it waits at most. Default 500 ms, 10 min. */
  waitPollMs?: number;
  waitTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
};

export type StartupReport = {
  /** False when the wait for the lease timed out; start-up goes on and the holder finishes the work. */
  ran: boolean;
  waitedMs: number;
  applied: string[];
  failed: string[];
  awaitingApproval: string[];
  /** The migration that later ones wait for (failed, or awaiting approval), if any. */
  blockedBy: string | null;
};

export type PreviewReport = {
  id: string;
  version: number;
  direction: MigrationDirection;
  durationMs: number;
  touches: ContainerTouch[];
  /** What the migration threw, when it did: a real run would fail the same way. */
  error: string | null;
};

export type RunSpec = {
  m: Migration;
  direction: MigrationDirection;
  trigger: MigrationTrigger;
  actor: MigrationActor;
  from: readonly (MigrationStatus | 'absent')[];
  approval?: { backup: string };
};
