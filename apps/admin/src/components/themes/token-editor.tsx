'use client';

import {
  COLOR_MODES,
  COLOR_ROLES,
  FONT_FAMILIES,
  FONT_SIZES,
  FONT_WEIGHTS,
  LINE_HEIGHTS,
  RADIUS_STEPS,
  SPACING_STEPS,
} from '@bytelyst/design-tokens';
import { ColorField, FieldGroup, TextField } from '~/components/kit/field';
import styles from './themes.module.css';
import { type TokenForm, words } from './token-form';

type Props = {
  form: TokenForm;
  errors: Record<string, string>;
  onValue: (path: string, value: string) => void;
};

/** Number fields for one scale (font sizes, spacing, radii, ...). */
function Scale(
  props: Props & { legend: string; prefix: string; keys: readonly string[]; step?: string; unit: string },
) {
  return (
    <FieldGroup legend={props.legend}>
      <div className={styles.scaleGrid}>
        {props.keys.map((key) => {
          const path = `${props.prefix}.${key}`;
          return (
            <TextField
              key={path}
              label={`${props.legend}: ${key}`}
              type="number"
              step={props.step ?? '1'}
              value={props.form[path] ?? ''}
              hint={props.unit}
              error={props.errors[path]}
              onChange={(event) => props.onValue(path, event.target.value)}
            />
          );
        })}
      </div>
    </FieldGroup>
  );
}

/** Every token of the theme: a colour picker and hex field per role and mode, then the scales. */
export function TokenEditor(props: Props) {
  const { form, errors, onValue } = props;
  return (
    <div className="stack">
      <div className={styles.colorModes}>
        {COLOR_MODES.map((mode) => (
          <FieldGroup key={mode} legend={mode === 'light' ? 'Light colours' : 'Dark colours'}>
            {COLOR_ROLES.map((role) => {
              const path = `colors.${mode}.${role}`;
              return (
                <ColorField
                  key={path}
                  label={`${mode === 'light' ? 'Light' : 'Dark'} ${words(role).toLowerCase()}`}
                  value={form[path] ?? ''}
                  onValue={(next) => onValue(path, next)}
                  error={errors[path]}
                />
              );
            })}
          </FieldGroup>
        ))}
      </div>
      <FieldGroup legend="Font families">
        {FONT_FAMILIES.map((family) => {
          const path = `typography.fontFamily.${family}`;
          return (
            <TextField
              key={path}
              label={`Font family: ${family}`}
              value={form[path] ?? ''}
              hint="A CSS font stack; iOS and Android take the first family."
              error={errors[path]}
              onChange={(event) => onValue(path, event.target.value)}
            />
          );
        })}
      </FieldGroup>
      <Scale
        {...props}
        legend="Font size"
        prefix="typography.fontSize"
        keys={FONT_SIZES}
        unit="px / pt / sp"
      />
      <Scale
        {...props}
        legend="Font weight"
        prefix="typography.fontWeight"
        keys={FONT_WEIGHTS}
        step="100"
        unit="100–900"
      />
      <Scale
        {...props}
        legend="Line height"
        prefix="typography.lineHeight"
        keys={LINE_HEIGHTS}
        step="0.05"
        unit="× size"
      />
      <Scale {...props} legend="Spacing" prefix="spacing" keys={SPACING_STEPS} unit="px / pt / dp" />
      <Scale {...props} legend="Radius" prefix="radius" keys={RADIUS_STEPS} unit="px / pt / dp" />
    </div>
  );
}
