import { rest } from '../../lib/openapi';
import { adminProcedure, router } from '../../trpc';
import { ZDoc, ZDocGetInput, ZDocListOutput } from './schema';

const tag = 'docs';

export const docsRouter = router({
  list: adminProcedure
    .meta(rest('GET', '/docs', { tag, summary: "The platform's docs (DOCS_DIR) with their headings" }))
    .output(ZDocListOutput)
    .query(({ ctx }) => ctx.services.docs.list()),
  get: adminProcedure
    .meta(
      rest('GET', '/docs/{slug}', {
        tag,
        summary: 'One doc rendered to sanitised HTML, with its table of contents',
        description: '404 naming `slug` when there is no such doc; a slug that is not a plain name is a 400.',
      }),
    )
    .input(ZDocGetInput)
    .output(ZDoc)
    .query(({ ctx, input }) => ctx.services.docs.get(input.slug)),
});
