'use client';

import { asDarkMail } from './dark-mode';
import styles from './delivery.module.css';

export type FrameWidth = 'desktop' | 'mobile';
export type FrameScheme = 'light' | 'dark';

/**
 * A mail's HTML in a sandboxed frame: `sandbox=""` runs no script and gives the document an opaque origin,
 * so nothing in a mail can reach the console. Dark mode shows the mail's own dark rules, as Apple Mail would:
 * the frame's `color-scheme` darkens its canvas and form controls, `asDarkMail` turns the media queries on.
 */
export function EmailFrame({
  html,
  title,
  width = 'desktop',
  scheme = 'light',
}: {
  html: string;
  title: string;
  width?: FrameWidth;
  scheme?: FrameScheme;
}) {
  return (
    <div className={styles.stage} data-scheme={scheme}>
      <iframe
        title={title}
        sandbox=""
        srcDoc={scheme === 'dark' ? asDarkMail(html) : html}
        className={`${styles.frame} ${width === 'mobile' ? styles.frameMobile : styles.frameDesktop}`}
        style={{ colorScheme: scheme }}
        data-width={width}
      />
    </div>
  );
}

/** A mail's plain-text part, as a text-only client shows it. */
export function PlainText({ text }: { text: string }) {
  return <pre className={styles.plainText}>{text}</pre>;
}
