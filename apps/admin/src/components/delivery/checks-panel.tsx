import { Badge, type Tone } from '~/components/kit/badge';
import { Card } from '~/components/kit/card';
import type { RouterOutputs } from '~/lib/trpc';
import styles from './delivery.module.css';

type Checks = RouterOutputs['delivery']['previewTemplate']['checks'];

const SEVERITY: Record<Checks['issues'][number]['severity'], { label: string; tone: Tone }> = {
  error: { label: 'Error', tone: 'danger' },
  warning: { label: 'Warning', tone: 'warning' },
  info: { label: 'Info', tone: 'info' },
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Gmail clips a message whose HTML passes about 102 KB: the bar shows how close this render is. */
function SizeBar({ size, clip }: { size: number; clip: number }) {
  const ratio = clip > 0 ? size / clip : 0;
  const level = ratio >= 1 ? 'over' : ratio >= 0.75 ? 'near' : 'ok';
  return (
    <div className="stack-tight">
      <div className="row row-wrap">
        <span className="field-label">HTML size</span>
        <span className="spacer" />
        <span className="tabular">
          {kb(size)} <span className="muted">of Gmail's {kb(clip)} clip</span>
        </span>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a <meter>'s bar takes no token colours across browsers */}
      <div
        className={styles.sizeBar}
        role="meter"
        aria-label="HTML size against Gmail's clipping limit"
        aria-valuemin={0}
        aria-valuemax={clip}
        aria-valuenow={size}
        aria-valuetext={`${kb(size)} of ${kb(clip)}`}
        data-level={level}
      >
        <span className={styles.sizeFill} style={{ width: `${Math.min(100, ratio * 100)}%` }} />
      </div>
    </div>
  );
}

export function ChecksPanel({ checks }: { checks: Checks }) {
  return (
    <Card titleId="checks-title" title="Checks" subtitle="Size, links, images and what mail clients support">
      <div className="stack">
        <SizeBar size={checks.sizeBytes} clip={checks.gmailClipBytes} />
        <section className="stack-tight" aria-label="Issues">
          <h3 className="field-label">Issues</h3>
          {checks.issues.length === 0 ? (
            <p className="muted">No issues found.</p>
          ) : (
            <ul className={styles.issues}>
              {checks.issues.map((issue, index) => (
                <li key={`${issue.check}:${index}`} className={styles.issue}>
                  <Badge tone={SEVERITY[issue.severity].tone}>{SEVERITY[issue.severity].label}</Badge>
                  <div>
                    <p>{issue.message}</p>
                    {issue.detail ? <p className="cell-secondary wrap-anywhere">{issue.detail}</p> : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
        <p className="muted">
          {checks.clientSupport.length === 0
            ? 'Every feature it uses works in the mail clients checked.'
            : `${checks.clientSupport.length} features it uses are missing or partial in some mail clients: see Client support below.`}
        </p>
      </div>
    </Card>
  );
}

/** The features the mail uses that some clients lack (caniemail's data), one row per feature. */
export function ClientSupportCard({ gaps }: { gaps: Checks['clientSupport'] }) {
  return (
    <Card
      titleId="client-support-title"
      title="Client support"
      subtitle="Features of this mail that some clients do not support, or only partly"
      bodyClassName="card-body-flush"
    >
      {gaps.length === 0 ? (
        <p className={`muted ${styles.supportEmpty}`}>No gaps in the clients checked.</p>
      ) : (
        <div className={`table-wrap ${styles.supportTable}`}>
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Feature</th>
                <th scope="col">Support</th>
                <th scope="col">Clients</th>
              </tr>
            </thead>
            <tbody>
              {gaps.map((gap) => (
                <tr key={gap.feature}>
                  <td className="mono nowrap">{gap.feature}</td>
                  <td>
                    <Badge tone={gap.support === 'none' ? 'warning' : 'neutral'}>
                      {gap.support === 'none' ? 'None' : 'Partial'}
                    </Badge>
                  </td>
                  <td className="cell-wrap">
                    {gap.clients.join(', ')}
                    {gap.notes?.map((note) => (
                      <div key={note} className="cell-secondary">
                        {note}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
