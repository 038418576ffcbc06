'use client';

import { useEffect, useState } from 'react';
import styles from './auth.module.css';

type Estimate = { score: 0 | 1 | 2 | 3 | 4; warning: string | null };
type Check = (password: string) => Estimate;

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

/** zxcvbn-ts reports its warnings as keys (its English texts are another package); the ones worth saying. */
const WARNINGS: Record<string, string> = {
  straightRow: 'Rows of keys are easy to guess.',
  keyPattern: 'Short keyboard patterns are easy to guess.',
  simpleRepeat: 'Repeated characters like "aaa" are easy to guess.',
  extendedRepeat: 'Repeated patterns like "abcabc" are easy to guess.',
  sequences: 'Sequences like "abc" or "6543" are easy to guess.',
  recentYears: 'Recent years are easy to guess.',
  dates: 'Dates are easy to guess.',
  topTen: 'This is one of the most used passwords.',
  topHundred: 'This is a very often used password.',
  common: 'This is a commonly used password.',
  similarToCommon: 'This is close to a commonly used password.',
  wordByItself: 'A single word is easy to guess.',
  namesByThemselves: 'Names on their own are easy to guess.',
  commonNames: 'Common names are easy to guess.',
};

let loading: Promise<Check> | undefined;

/** zxcvbn and its dictionaries (~1 MB) load on the first keystroke, never with the page. */
const loadCheck = (): Promise<Check> => {
  loading ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) => {
      const zxcvbn = new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary },
        graphs: common.adjacencyGraphs,
      });
      return (password) => {
        const result = zxcvbn.check(password);
        return { score: result.score, warning: WARNINGS[result.feedback.warning ?? ''] ?? null };
      };
    },
  );
  return loading;
};

/**
 * A strength estimate shown while a password is typed: a meter of five segments (zxcvbn's score 0-4 lights
 * score + 1 of them) and a word. It advises and never blocks: the
 * server's policy (length, not the email, not a common password) is the only rule.
 */
export function PasswordStrength({ password }: { password: string }) {
  const [estimate, setEstimate] = useState<Estimate | null>(null);
  useEffect(() => {
    if (!password) {
      setEstimate(null);
      return;
    }
    let current = true;
    void loadCheck().then((check) => {
      if (current) setEstimate(check(password));
    });
    return () => {
      current = false;
    };
  }, [password]);

  if (!password) return null;
  const score = estimate?.score;
  return (
    <div className={styles.strength} aria-live="polite">
      <meter
        className="visually-hidden"
        min={0}
        max={4}
        value={score ?? 0}
        aria-label="Password strength"
        aria-valuetext={score === undefined ? 'Estimating' : LABELS[score]}
      />
      <div className={styles.meter} aria-hidden="true" data-score={score ?? 'none'}>
        {[0, 1, 2, 3, 4].map((segment) => (
          <span
            key={segment}
            className={styles.meterSegment}
            data-on={score !== undefined && score >= segment}
          />
        ))}
      </div>
      <p className={styles.strengthText}>
        {score === undefined ? (
          'Estimating strength…'
        ) : (
          <>
            <strong>{LABELS[score]}</strong>
            {estimate?.warning
              ? ` · ${estimate.warning}`
              : score < 3
                ? ' · A longer phrase of a few words is stronger.'
                : ''}
          </>
        )}
      </p>
    </div>
  );
}
