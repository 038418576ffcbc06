/** The live store handed to each group of contract tests (set in beforeAll). */
import type { DocumentStore } from '../document-store';

export type ContractEnv = {
  readonly store: DocumentStore;
  /** Moves the store's clock forward. */
  advance(ms: number): void;
};
