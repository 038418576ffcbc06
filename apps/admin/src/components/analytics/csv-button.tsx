'use client';

import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { useToast } from '~/components/kit/toast';
import { errorMessage } from '~/lib/api-errors';
import { type RouterInputs, trpc } from '~/lib/trpc';

export type CsvInput = RouterInputs['analytics']['getCsv'];

/** Saves a view's data as the API's CSV (`analytics.getCsv`: the same rollups the chart reads). */
export function CsvButton({ input, label }: { input: CsvInput; label: string }) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const [pending, setPending] = useState(false);
  const download = async () => {
    setPending(true);
    try {
      const file = await utils.analytics.getCsv.fetch(input, { staleTime: 0 });
      const url = URL.createObjectURL(new Blob([file.csv], { type: file.contentType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.filename;
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has taken the file once the click is handled; the next task may free it.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setPending(false);
    }
  };
  return (
    <Button
      size="sm"
      loading={pending}
      onClick={() => void download()}
      aria-label={`Download ${label} as CSV`}
    >
      CSV
    </Button>
  );
}
