import type { TJobLogLine } from '@bytelyst/routers/modules/jobs/schema';
import { Badge, type Tone } from '~/components/kit/badge';
import { EmptyState } from '~/components/kit/states';
import { formatDateTime, formatTimeOfDay } from '~/lib/format';

const LEVEL_TONES: Record<TJobLogLine['level'], Tone> = { info: 'info', warn: 'warning', error: 'danger' };

/** A run's log lines, oldest first, with their structured fields beside the message. */
export function RunLog({ lines, running }: { lines: readonly TJobLogLine[]; running: boolean }) {
  if (lines.length === 0) {
    return (
      <EmptyState title={running ? 'Nothing logged yet' : 'This run logged nothing'}>
        {running ? 'Lines appear here as the job writes them.' : null}
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">Log lines</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Level</th>
            <th scope="col">Message</th>
            <th scope="col">Fields</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => (
            // Lines have no id, and two can share a millisecond; their order within a run never changes.
            <tr key={`${line.at}-${index}`}>
              <td className="cell-muted mono" title={formatDateTime(line.at)}>
                {formatTimeOfDay(line.at)}
              </td>
              <td>
                <Badge tone={LEVEL_TONES[line.level]}>{line.level}</Badge>
              </td>
              <td className="cell-wrap">{line.message}</td>
              <td className="cell-wrap">
                {line.fields && Object.keys(line.fields).length > 0 ? (
                  <code className="fields">{JSON.stringify(line.fields)}</code>
                ) : (
                  <span className="cell-muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
