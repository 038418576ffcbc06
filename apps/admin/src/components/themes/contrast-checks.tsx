import { type ColorMode, checkContrast, type ThemeTokens } from '@bytelyst/design-tokens';
import { Badge } from '~/components/kit/badge';
import styles from './themes.module.css';
import { words } from './token-form';

const KIND_LABELS = { text: 'Text', large: 'Large text', ui: 'Interface' } as const;

/** WCAG AA for every text pair in both modes, as publishing will judge them. */
export function ContrastChecks({ tokens }: { tokens: ThemeTokens }) {
  const checks = checkContrast(tokens);
  const failing = checks.filter((check) => !check.pass).length;
  return (
    <div className="stack">
      <p className={failing ? styles.failSummary : 'muted'} role="status">
        {failing
          ? `${failing} pair${failing === 1 ? '' : 's'} fail WCAG AA; publishing is refused until they pass.`
          : 'Every pair passes WCAG AA in light and dark.'}
      </p>
      <div className={styles.checkTables}>
        {(['light', 'dark'] as ColorMode[]).map((mode) => (
          <div key={mode} className="table-wrap">
            <table className={`table ${styles.checkTable}`}>
              <caption className={styles.caption}>
                {mode === 'light' ? 'Light contrast' : 'Dark contrast'}
              </caption>
              <thead>
                <tr>
                  <th>Pair</th>
                  <th>AA</th>
                </tr>
              </thead>
              <tbody>
                {checks
                  .filter((check) => check.mode === mode)
                  .map((check) => (
                    <tr
                      key={check.path + check.background}
                      data-pair={`${check.foreground}/${check.background}`}
                    >
                      <td>
                        <div className="cell-primary">
                          {words(check.foreground)} on {words(check.background).toLowerCase()}
                        </div>
                        <div className="cell-muted">
                          {check.usage} · {KIND_LABELS[check.kind]}, needs {check.minimum}:1
                        </div>
                      </td>
                      <td className={styles.nowrap}>
                        <Badge tone={check.pass ? 'success' : 'danger'} dot>
                          {check.pass ? 'Pass' : 'Fail'}
                        </Badge>
                        <div className="mono cell-muted">{check.ratio.toFixed(2)}:1</div>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
    </div>
  );
}
