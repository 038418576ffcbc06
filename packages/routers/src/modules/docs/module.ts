import { defineModule } from '../../module';
import { createDocsService } from './service';

/**
 * The docs browser (roadmap §1.5): the repo's Markdown docs rendered for the console, from `config.docs.dir`
 * (DOCS_DIR) and `config.docs.files` (the README, DOCS_README). No containers: the files are the source; the search module indexes their sections.
 */
export const docsModule = defineModule({
  name: 'docs',
  create: ({ config }) => ({
    service: createDocsService({
      dir: config.docs?.dir,
      ...(config.docs?.files ? { files: config.docs.files } : {}),
    }),
  }),
});
