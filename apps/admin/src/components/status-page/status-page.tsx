import { formatUtc, STATE_LABELS } from '~/components/status/labels';
import type { StatusPageData } from '~/server/status-api';
import { IncidentCard, MaintenanceCard } from './incident-card';
import styles from './status-page.module.css';
import { SubscribeForm } from './subscribe-form';
import { BarLegend, UptimeBars } from './uptime-bars';

type Props = StatusPageData & { product: string | null; feedUrl: string };

const groupsOf = <T extends { group: string | null }>(items: readonly T[]) => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = item.group ?? 'Other';
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups];
};

/**
 * The public status page, rendered on the server from two API answers: active incidents and maintenance on
 * top, then each component's 90 days, the uptime rule, and the incident history.
 */
export function StatusPage({ status, history, product, feedUrl }: Props) {
  const current = new Map(status.services.map((service) => [service.id, service]));
  const open = new Set(status.incidents.map((incident) => incident.id));
  const past = history.incidents.filter((incident) => !open.has(incident.id));
  const upcoming = status.maintenanceWindows;
  return (
    <main className={styles.page}>
      <header className={styles.header}>
        <div className={styles.brand}>
          <span className="brand-mark" aria-hidden="true">
            {status.product.name.slice(0, 1).toUpperCase()}
          </span>
          {status.product.name} status
        </div>
        <nav className={styles.headerLinks} aria-label="Status page">
          <a href="#subscribe-title">Subscribe</a>
          <a href={feedUrl}>Atom feed</a>
        </nav>
      </header>

      <section className={styles.banner} data-state={status.overallStatus} aria-label="Overall status">
        <h1 className={styles.bannerTitle}>{status.overallDescription}</h1>
        <p className={styles.bannerMeta}>
          {status.lastCheckedAt ? `Last checked ${formatUtc(status.lastCheckedAt)}` : 'No checks yet'}
        </p>
      </section>

      {status.incidents.length > 0 ? (
        <section aria-labelledby="active-title">
          <h2 className={styles.sectionTitle} id="active-title">
            Active incidents
          </h2>
          <div className={styles.history}>
            {status.incidents.map((incident) => (
              <IncidentCard key={incident.id} incident={incident} />
            ))}
          </div>
        </section>
      ) : null}

      {upcoming.length > 0 ? (
        <section aria-labelledby="maintenance-title">
          <h2 className={styles.sectionTitle} id="maintenance-title">
            Maintenance
          </h2>
          <div className={styles.history}>
            {upcoming.map((window) => (
              <MaintenanceCard key={window.id} window={window} />
            ))}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="components-title">
        <h2 className={styles.sectionTitle} id="components-title">
          Components
        </h2>
        <p className={styles.sectionHint}>
          Uptime over the last 90 days (UTC days). Hover or focus a day for its detail.
        </p>
        <div className={styles.groups}>
          {groupsOf(history.components).map(([group, components]) => (
            <div key={group} className={`card ${styles.group}`}>
              <h3 className={styles.groupTitle}>{group}</h3>
              {components.map((component) => {
                const now = current.get(component.id);
                const state = now?.status ?? 'operational';
                return (
                  <div key={component.id} className={styles.component} data-component={component.id}>
                    <div className={styles.componentHeader}>
                      <span>
                        <span className={styles.componentName}>{component.name}</span>
                        {now?.description ? (
                          <span className={styles.componentDescription}>{now.description}</span>
                        ) : null}
                      </span>
                      <span className={styles.stateText} data-state={state}>
                        {STATE_LABELS[state]}
                      </span>
                    </div>
                    <UptimeBars component={component} />
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </section>

      <BarLegend />

      <section className={`card ${styles.rule}`} aria-labelledby="rule-title">
        <h2 className={styles.sectionTitle} id="rule-title">
          How uptime is counted
        </h2>
        <p>{history.rule}</p>
      </section>

      <section aria-labelledby="history-title">
        <h2 className={styles.sectionTitle} id="history-title">
          Incident history
        </h2>
        {past.length === 0 && history.maintenance.length === 0 ? (
          <p className={styles.meta}>No past incidents or maintenance in the last 90 days.</p>
        ) : (
          <div className={styles.history}>
            {past.map((incident) => (
              <IncidentCard key={incident.id} incident={incident} />
            ))}
            {history.maintenance.map((window) => (
              <MaintenanceCard key={window.id} window={window} />
            ))}
          </div>
        )}
      </section>

      <SubscribeForm product={product} />

      <footer className={styles.footer}>
        <span>Updated {formatUtc(status.generatedAt)}</span>
        <span>Times are UTC.</span>
      </footer>
    </main>
  );
}
