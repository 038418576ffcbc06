/** Runs a bench's `main`; a failure prints its stack and exits 1, so `pnpm bench` stops on it. */
export const runBench = (main: () => Promise<void>): void => {
  main().catch((error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
};
