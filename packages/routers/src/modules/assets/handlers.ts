import type { PlatformEvent } from '@bytelyst/events/catalogue';
import type { AnySubscriber } from '../../module';
import type { AvatarService } from './avatars';

/** Makes a confirmed upload's variants off the request path; idempotent (an upload leaves `processing` once). */
export const avatarVariantsSubscriber = (avatars: AvatarService): AnySubscriber => ({
  name: 'assets.avatar-variants',
  events: ['avatar.uploaded'],
  timeoutMs: 120_000,
  description:
    "Makes a confirmed avatar's 64/128/256 px variants (and 2x) in WebP and JPEG, then sets them on the user.",
  async handle(event: PlatformEvent<'avatar.uploaded'>) {
    await avatars.process(event.productId, event.data.uploadId, event.actorId);
  },
});
