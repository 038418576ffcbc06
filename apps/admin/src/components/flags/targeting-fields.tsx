'use client';

import { TextAreaField, TextField } from '~/components/kit/field';
import styles from './controls.module.css';
import { PLATFORM_LABELS, PLATFORMS, type TargetingValues } from './flag-form';

type Props = {
  value: TargetingValues;
  onChange: (patch: Partial<TargetingValues>) => void;
  /** Field errors by path; the targeting's own keys sit under `errorPrefix` (`targeting.minAppVersion`). */
  errors: Record<string, string>;
  errorPrefix: string;
  /** What the user id lists do for this kind of thing (a flag's "always on", an experiment's "always in"). */
  includeLabel: string;
  excludeLabel: string;
};

/**
 * The flags module's targeting (platforms, app version range, user ids in and out), as flags and experiments
 * edit it: both store `ZFlagTargeting`.
 */
export function TargetingFields({ value, onChange, errors, errorPrefix, includeLabel, excludeLabel }: Props) {
  const error = (key: keyof TargetingValues) => errors[`${errorPrefix}.${key}`];
  const togglePlatform = (platform: (typeof PLATFORMS)[number], on: boolean) =>
    onChange({
      platforms: on ? [...value.platforms, platform] : value.platforms.filter((p) => p !== platform),
    });
  return (
    <>
      <fieldset className={`field ${styles.plain}`}>
        <legend className={`field-label ${styles.legend}`}>
          Platforms <span className="muted">(none ticked = every platform)</span>
        </legend>
        <div className={styles.checks}>
          {PLATFORMS.map((platform) => (
            <label key={platform} className="checkbox-row">
              <input
                type="checkbox"
                checked={value.platforms.includes(platform)}
                onChange={(event) => togglePlatform(platform, event.target.checked)}
              />
              {PLATFORM_LABELS[platform]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid grid-halves">
        <TextField
          label="Min app version"
          value={value.minAppVersion}
          placeholder="2.0.0"
          onChange={(event) => onChange({ minAppVersion: event.target.value })}
          error={error('minAppVersion')}
        />
        <TextField
          label="Max app version"
          value={value.maxAppVersion}
          placeholder="3.0.0-rc.1"
          onChange={(event) => onChange({ maxAppVersion: event.target.value })}
          error={error('maxAppVersion')}
        />
      </div>
      <div className="grid grid-halves">
        <TextAreaField
          label={includeLabel}
          value={value.includeUserIds}
          placeholder="One user id per line"
          onChange={(event) => onChange({ includeUserIds: event.target.value })}
          error={error('includeUserIds')}
        />
        <TextAreaField
          label={excludeLabel}
          value={value.excludeUserIds}
          placeholder="One user id per line"
          onChange={(event) => onChange({ excludeUserIds: event.target.value })}
          error={error('excludeUserIds')}
        />
      </div>
    </>
  );
}
