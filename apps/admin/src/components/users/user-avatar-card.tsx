'use client';

import type { TAvatar } from '@bytelyst/routers/modules/users/schema';
import { type ChangeEvent, useRef, useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import styles from './users.module.css';

const SIZES = ['64', '128', '256'] as const;

/** One layout size as a browser picks it: WebP where supported, else JPEG; the 2x file on dense screens. */
function AvatarVariant({ avatar, size }: { avatar: TAvatar; size: (typeof SIZES)[number] }) {
  const slot = avatar.sizes[size];
  return (
    <figure className={styles.avatarVariant}>
      <picture>
        <source type="image/webp" srcSet={`${slot['1x'].webp} 1x, ${slot['2x'].webp} 2x`} />
        <img
          src={slot['1x'].jpeg}
          srcSet={`${slot['1x'].jpeg} 1x, ${slot['2x'].jpeg} 2x`}
          width={Number(size)}
          height={Number(size)}
          alt={`Avatar at ${size} px`}
          data-testid={`avatar-${size}`}
        />
      </picture>
      <figcaption className="muted">{size} px</figcaption>
    </figure>
  );
}

/**
 * The user's avatar: every variant size once made, the latest upload's state (processing, or why it failed),
 * and an upload through the signed URL the API hands out, then confirm; the variants are made in the background.
 */
export function UserAvatarCard({ userId }: { userId: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const state = trpc.avatars.get.useQuery(
    { userId },
    { refetchInterval: (query) => (query.state.data?.latestUpload?.status === 'processing' ? 1000 : false) },
  );
  const utils = trpc.useUtils();
  const createUpload = trpc.avatars.createUpload.useMutation();
  const confirm = trpc.avatars.confirm.useMutation();
  const remove = trpc.avatars.delete.useMutation(
    useMutationFeedback({
      success: 'The avatar was removed.',
      invalidate: (u) => [u.avatars.get.invalidate({ userId }), u.users.get.invalidate({ id: userId })],
    }),
  );

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setProblem(null);
    setUploading(true);
    try {
      const signed = await createUpload.mutateAsync({
        userId,
        fileName: file.name,
        contentType: file.type || 'application/octet-stream',
        size: file.size,
      });
      const put = await fetch(signed.upload.url, {
        method: signed.upload.method,
        headers: signed.upload.headers,
        body: file,
      });
      if (!put.ok) throw new Error(`The upload was refused (${put.status})`);
      await confirm.mutateAsync({ userId, key: signed.key });
      await utils.avatars.get.invalidate({ userId });
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  };

  const avatar = state.data?.avatar ?? null;
  const latest = state.data?.latestUpload ?? null;
  return (
    <Card
      titleId="avatar-title"
      title="Avatar"
      subtitle="JPEG, PNG, WebP or GIF up to 5 MiB; made into 64, 128 and 256 px (and 2x) WebP and JPEG."
      actions={
        avatar ? (
          <Button
            size="sm"
            variant="danger"
            loading={remove.isPending}
            onClick={() => remove.mutate({ userId })}
          >
            Remove avatar
          </Button>
        ) : null
      }
    >
      <div className={styles.avatarRow}>
        {avatar ? (
          SIZES.map((size) => <AvatarVariant key={size} avatar={avatar} size={size} />)
        ) : (
          <p className="muted">No avatar yet.</p>
        )}
      </div>
      {avatar ? <p className="muted">Updated {formatDateTime(avatar.updatedAt)}</p> : null}
      {latest?.status === 'processing' ? <p role="status">Making the variants of the new image…</p> : null}
      {latest?.status === 'failed' ? (
        <p role="alert" className="error-text">
          The last upload failed: {latest.error}. The previous avatar stays.
        </p>
      ) : null}
      {problem ? (
        <p role="alert" className="error-text">
          {problem}
        </p>
      ) : null}
      <label className="field">
        <span className="field-label">Upload a new avatar</span>
        <input
          ref={input}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          disabled={uploading}
          onChange={(event) => void onFile(event)}
        />
      </label>
    </Card>
  );
}
