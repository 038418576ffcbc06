import type { TJobLogLevel, TJobLogLine } from './schema';

/** A run document must stay small (Cosmos caps items at 2 MB), however chatty the job. */
export const RUN_LOG_MAX_LINES = 100;
export const RUN_LOG_MAX_MESSAGE = 1000;
export const RUN_ERROR_MAX = 2000;

export const truncate = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

export const errorMessage = (error: unknown): string =>
  truncate(error instanceof Error ? error.message || error.name : String(error), RUN_ERROR_MAX);

/** Fields end up in a JSON document: anything JSON cannot hold (a BigInt, a cycle) is dropped. */
const jsonSafe = (fields: Record<string, unknown>): Record<string, unknown> => {
  try {
    return JSON.parse(JSON.stringify(fields)) as Record<string, unknown>;
  } catch {
    return { unserializable: true };
  }
};

/** Keeps the last RUN_LOG_MAX_LINES lines of a run. */
export const createRunLog = (now: () => number) => {
  const lines: TJobLogLine[] = [];
  return {
    add(level: TJobLogLevel, message: string, fields?: Record<string, unknown>): TJobLogLine {
      const line: TJobLogLine = {
        at: new Date(now()).toISOString(),
        level,
        message: truncate(String(message), RUN_LOG_MAX_MESSAGE),
        ...(fields && Object.keys(fields).length > 0 ? { fields: jsonSafe(fields) } : {}),
      };
      lines.push(line);
      if (lines.length > RUN_LOG_MAX_LINES) lines.splice(0, lines.length - RUN_LOG_MAX_LINES);
      return line;
    },
    lines: (): TJobLogLine[] => [...lines],
  };
};

export type RunLog = ReturnType<typeof createRunLog>;
