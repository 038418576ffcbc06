import { Badge } from '~/components/kit/badge';
import { JsonBlock } from '~/components/kit/json-block';
import styles from './catalogue.module.css';

export type CatalogueEntry = {
  type: string;
  version: number;
  description: string;
  public: boolean;
  schema: Record<string, unknown>;
  /** A payload the schema accepts; every public event has one. */
  example: Record<string, unknown> | null;
  subscribers: string[];
};

/** One event type: what it means, who receives it, and the payload schema and an example on demand. */
export function CatalogueItem({ entry }: { entry: CatalogueEntry }) {
  const headingId = `event-type-${entry.type.replace(/[^a-z0-9]+/gi, '-')}`;
  return (
    <li className={styles.catalogueItem} aria-labelledby={headingId}>
      <div className={styles.catalogueHead}>
        <h3 className={`${styles.catalogueType} mono`} id={headingId}>
          {entry.type}
        </h3>
        <Badge>v{entry.version}</Badge>
        {entry.public ? <Badge tone="success">Public</Badge> : <Badge tone="neutral">Internal</Badge>}
      </div>
      {entry.subscribers.length > 0 ? (
        <div className="row row-tight row-wrap">
          <span className="field-hint">Subscribers</span>
          {entry.subscribers.map((name) => (
            <Badge key={name} tone="accent">
              <span className="mono">{name}</span>
            </Badge>
          ))}
        </div>
      ) : (
        <span className="field-hint">No subscribers yet</span>
      )}
      <p className={styles.catalogueDescription}>{entry.description}</p>
      {/* One grid cell for both blocks, so the item keeps its two columns of two rows. */}
      <div className="stack-tight">
        <details className="disclosure">
          <summary>JSON Schema</summary>
          <JsonBlock value={entry.schema} />
        </details>
        {entry.example !== null && (
          <details className="disclosure">
            <summary>Example</summary>
            <JsonBlock value={entry.example} />
          </details>
        )}
      </div>
    </li>
  );
}
