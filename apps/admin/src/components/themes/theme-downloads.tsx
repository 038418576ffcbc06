'use client';

import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { useToast } from '~/components/kit/toast';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import styles from './themes.module.css';

const FORMATS = [
  ['css', 'CSS'],
  ['ts', 'TypeScript'],
  ['kt', 'Kotlin'],
  ['swift', 'Swift'],
] as const;

type Format = (typeof FORMATS)[number][0];

/** Saves text as a file in the browser. */
const save = (filename: string, content: string, type: string) => {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
};

/** The generated source of the published theme (or the saved draft) in each target's language. */
export function ThemeDownloads({ hasPublished }: { hasPublished: boolean }) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const [pending, setPending] = useState<string | null>(null);
  const download = async (format: Format, source: 'published' | 'draft') => {
    setPending(`${source}:${format}`);
    try {
      const file = await utils.themes.getFile.fetch({ format, source }, { staleTime: 0 });
      save(file.filename, file.content, file.contentType);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setPending(null);
    }
  };
  return (
    <div className="stack">
      {(['published', 'draft'] as const).map((source) => (
        <div key={source} className={styles.downloadRow}>
          <span className={styles.downloadLabel}>{source === 'published' ? 'Published' : 'Saved draft'}</span>
          {FORMATS.map(([format, label]) => (
            <Button
              key={format}
              size="sm"
              aria-label={`Download ${source} ${label}`}
              disabled={source === 'published' && !hasPublished}
              loading={pending === `${source}:${format}`}
              onClick={() => download(format, source)}
            >
              {label}
            </Button>
          ))}
        </div>
      ))}
    </div>
  );
}
