import { type Clock, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import {
  checkContrast,
  DEFAULT_THEME,
  type FileFormat,
  generateFile,
  type Platform,
  type ThemeTokens,
  tokensForPlatform,
  validateTheme,
} from '@bytelyst/design-tokens';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { sha256 } from '../../lib/crypto';
import { isoNow } from '../../lib/time';
import { createTtlCache } from '../../lib/ttl-cache';
import { THEME_ID, type ThemeDoc, type ThemesRepository, type VersionDoc, versionDocId } from './repository';
import type { TTheme, TThemeCurrent, TThemeListVersionsInput, TThemeVersion } from './schema';

/** Another writer changed the theme between our read and write this many times in a row: give up. */
const MAX_ATTEMPTS = 5;
/** How long a process trusts its copy of a product's published tokens (mail rendering reads it per message). */
const PUBLISHED_CACHE_MS = 30_000;

/** Token paths whose values differ (`colors.light.primary`), for the event's count and the unchanged check. */
const diffPaths = (a: unknown, b: unknown, path = ''): string[] => {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null)
    return a === b ? [] : [path];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((key) =>
    diffPaths(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      path ? `${path}.${key}` : key,
    ),
  );
};

/** The package's validator is the authority; its issues become a 400 naming `tokens.<path>`. */
export const checkedTokens = (input: unknown): ThemeTokens => {
  const result = validateTheme(input);
  if (result.ok) return result.tokens;
  const fields = result.issues.map((issue) => ({
    path: issue.path ? `tokens.${issue.path}` : 'tokens',
    message: issue.message,
  }));
  throw new AppError('VALIDATION', `Invalid tokens: ${fields.map((f) => f.path).join(', ')}`, { fields });
};

const emptyTheme = (productId: string): ThemeDoc => ({
  id: THEME_ID,
  kind: 'theme',
  productId,
  draft: DEFAULT_THEME,
  draftUpdatedAt: null,
  draftUpdatedBy: null,
  publishedVersion: null,
  published: null,
  publishedAt: null,
});

const toView = (doc: ThemeDoc): TTheme => ({
  productId: doc.productId,
  draft: doc.draft,
  draftUpdatedAt: doc.draftUpdatedAt,
  draftUpdatedBy: doc.draftUpdatedBy,
  hasUnpublishedChanges: doc.published === null || diffPaths(doc.draft, doc.published).length > 0,
  publishedVersion: doc.publishedVersion,
  publishedAt: doc.publishedAt,
  published: doc.published,
});

const answerOf = (doc: ThemeDoc, platform: Platform): TThemeCurrent => ({
  productId: doc.productId,
  version: doc.publishedVersion ?? 0,
  publishedAt: doc.publishedAt,
  ...tokensForPlatform(doc.published ?? DEFAULT_THEME, platform),
});

const toVersion = (doc: VersionDoc): TThemeVersion => ({
  version: doc.version,
  tokens: doc.tokens,
  note: doc.note,
  publishedAt: doc.publishedAt,
  publishedBy: doc.publishedBy,
});

export const createThemesService = (deps: { repo: ThemesRepository; clock: Clock; bus: EventBus }) => {
  const { repo, clock, bus } = deps;
  const publishedCache = createTtlCache<{ tokens: ThemeTokens | null }>({ ttlMs: PUBLISHED_CACHE_MS, clock });

  const load = async (productId: string) => {
    const doc = await repo.theme(productId);
    return { doc: doc ? withoutSystemFields(doc) : emptyTheme(productId), etag: doc?._etag ?? null };
  };

  /** Read, decide, write in one batch under the read etag (or create the first document); stale re-reads. */
  const write = async (
    productId: string,
    decide: (
      current: ThemeDoc,
      at: string,
    ) => { next: ThemeDoc; extra?: VersionDoc; stage: () => ReturnType<EventBus['stage']> },
  ): Promise<ThemeDoc> => {
    for (let attempt = 1; ; attempt++) {
      const { doc, etag } = await load(productId);
      const change = decide(doc, isoNow(clock));
      const themeOp = etag
        ? ({ op: 'replace', doc: change.next, ifMatch: etag } as const)
        : ({ op: 'create', doc: change.next } as const);
      const outcome = await repo.commit(
        productId,
        change.extra ? [{ op: 'create', doc: change.extra }, themeOp] : [themeOp],
        change.stage(),
      );
      if (outcome === 'ok') {
        publishedCache.delete(productId);
        return change.next;
      }
      if (attempt >= MAX_ATTEMPTS) throw new AppError('CONFLICT', 'The theme keeps changing; try again');
    }
  };

  const setDraft = async (
    productId: string,
    tokens: ThemeTokens,
    actorId: string,
    revertedTo: number | null,
  ) =>
    toView(
      await write(productId, (current, at) => {
        const changed = diffPaths(current.draft, tokens).length;
        return {
          next: { ...current, draft: tokens, draftUpdatedAt: at, draftUpdatedBy: actorId },
          stage: () =>
            bus.stage('theme.draft_updated', { revertedTo, changedTokens: changed }, { productId, actorId }),
        };
      }),
    );

  const tokensOf = async (productId: string, source: 'draft' | 'published') => {
    const { doc } = await load(productId);
    if (source === 'draft') return doc.draft;
    if (!doc.published) throw new AppError('NOT_FOUND', 'No theme is published yet; download the draft');
    return doc.published;
  };

  return {
    async get(productId: string): Promise<TTheme> {
      return toView((await load(productId)).doc);
    },

    /** Replaces the draft; clients see nothing until it is published. */
    setDraft: (productId: string, input: unknown, actorId: string) =>
      setDraft(productId, checkedTokens(input), actorId, null),

    /**
     * Freezes the draft as the next version. Refused (400 naming each failing foreground token) while a text
     * pair fails WCAG AA in either mode, and (409) when the draft is the published version already.
     */
    async publish(productId: string, note: string | undefined, actorId: string) {
      const next = await write(productId, (current, at) => {
        const failing = checkContrast(current.draft).filter((check) => !check.pass);
        if (failing.length > 0) {
          const fields = failing.map((check) => ({
            path: `tokens.${check.path}`,
            message: `${check.foreground} on ${check.background} (${check.mode}) is ${check.ratio}:1; AA needs ${check.minimum}:1`,
          }));
          throw new AppError('VALIDATION', 'Some colour pairs fail WCAG AA contrast', { fields });
        }
        if (current.published && diffPaths(current.draft, current.published).length === 0) {
          throw new AppError(
            'CONFLICT',
            `The draft is published already, as version ${current.publishedVersion}`,
          );
        }
        const version = (current.publishedVersion ?? 0) + 1;
        const frozen: VersionDoc = {
          id: versionDocId(version),
          kind: 'version',
          productId,
          version,
          tokens: current.draft,
          note: note ?? '',
          publishedAt: at,
          publishedBy: actorId,
        };
        return {
          next: { ...current, publishedVersion: version, published: current.draft, publishedAt: at },
          extra: frozen,
          stage: () =>
            bus.stage(
              'theme.published',
              {
                version,
                publishedAt: at,
                primary: {
                  light: current.draft.colors.light.primary,
                  dark: current.draft.colors.dark.primary,
                },
              },
              { productId, actorId },
            ),
        };
      });
      return toView(next);
    },

    /** Sets the draft back to a published version's tokens; publishing it then makes a new version. */
    async revert(productId: string, version: number, actorId: string) {
      const frozen = await repo.version(productId, version);
      if (!frozen) throw new AppError('NOT_FOUND', `Version ${version} was never published`);
      return setDraft(productId, frozen.tokens, actorId, version);
    },

    async listVersions(productId: string, input: TThemeListVersionsInput) {
      const page = await repo.versions(productId, input.limit ?? 20, input.cursor);
      return {
        items: page.items.map((doc: Stored<VersionDoc>) => {
          const { tokens, ...rest } = toVersion(doc);
          return {
            ...rest,
            primary: { light: tokens.colors.light.primary, dark: tokens.colors.dark.primary },
          };
        }),
        nextCursor: page.continuation,
      };
    },

    async getVersion(productId: string, version: number) {
      const frozen = await repo.version(productId, version);
      if (!frozen) throw new AppError('NOT_FOUND', `Version ${version} was never published`);
      return toVersion(frozen);
    },

    async getFile(productId: string, format: FileFormat, source: 'draft' | 'published') {
      return generateFile(await tokensOf(productId, source), format, productId);
    },

    /** What clients get on launch: the published theme (version 0, the default, before any) in their units. */
    async current(productId: string, platform: Platform): Promise<TThemeCurrent> {
      return answerOf((await load(productId)).doc, platform);
    },

    /**
     * The answer and its strong ETag from one point read, for the public route. The tag names the published
     * version (and its time, so a rebuilt store that numbers from 1 again cannot collide) and the platform.
     */
    async currentWithEtag(productId: string, platform: Platform) {
      const { doc } = await load(productId);
      const key = JSON.stringify([productId, doc.publishedVersion ?? 0, doc.publishedAt, platform]);
      return { etag: `"${sha256(key).slice(0, 32)}"`, body: () => answerOf(doc, platform) };
    },

    /** The published tokens for rendering mail and the console (cached briefly); null before a publish. */
    async publishedTokens(productId: string): Promise<ThemeTokens | null> {
      const hit = publishedCache.get(productId);
      if (hit) return hit.tokens;
      const { doc } = await load(productId);
      publishedCache.set(productId, { tokens: doc.published });
      return doc.published;
    },
  };
};

export type ThemesService = ReturnType<typeof createThemesService>;
