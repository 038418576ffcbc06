import type { TEmailBrand } from '@bytelyst/emails/brand';
import { checkEmail } from '@bytelyst/emails/checks';
import { renderEmail } from '@bytelyst/emails/render';
import {
  TEMPLATE_META,
  TEMPLATE_NAMES,
  TEMPLATE_PREVIEW_PROPS,
  type TemplateName,
} from '@bytelyst/emails/templates';
import { z } from 'zod';
import type { TProduct } from '../products/schema';
import type { DeliveryAcceptance } from './service';
import { invalidProps } from './template-props';

/** The email author's workspace: the templates, a preview in the product's brand with its checks, a test send. */
export const createAuthoring = (deps: {
  products: { get(id: string): Promise<TProduct> };
  brandOf(product: TProduct): Promise<TEmailBrand>;
  send: DeliveryAcceptance['send'];
}) => {
  const previewProps = async (productId: string, template: TemplateName) => ({
    ...TEMPLATE_PREVIEW_PROPS[template],
    brand: await deps.brandOf(await deps.products.get(productId)),
  });

  /** Renders full props; a ZodError becomes a 400 naming `props.<field>`. */
  const render = async (template: TemplateName, props: Record<string, unknown>) => {
    try {
      return await renderEmail(template, props);
    } catch (error) {
      if (error instanceof z.ZodError) throw invalidProps(error.issues);
      throw error;
    }
  };

  return {
    templates: () =>
      TEMPLATE_NAMES.map((name) => ({
        name,
        title: TEMPLATE_META[name].title,
        description: TEMPLATE_META[name].description,
        transactional: TEMPLATE_META[name].transactional,
      })),
    /** Renders a template as the product's mail (its brand), with the local checks; bad props name the field. */
    async preview(productId: string, template: TemplateName, props?: Record<string, unknown>) {
      const full = props ?? (await previewProps(productId, template));
      const rendered = await render(template, full);
      return { ...rendered, props: full, checks: checkEmail(rendered) };
    },
    /** Sends a template (the editor's props, or the preview's) to any address as a test: no preferences apply. */
    async sendTest(
      productId: string,
      input: { template: TemplateName; props?: Record<string, unknown> | undefined; to: string },
      actorId: string,
    ) {
      const full = input.props ?? (await previewProps(productId, input.template));
      await render(input.template, full);
      const { brand, unsubscribeUrl: _u, template: _t, ...own } = full;
      return deps.send(
        productId,
        { template: input.template, to: input.to, props: { ...own, email: input.to }, category: 'security' },
        { actorId, test: true, brand: brand as TEmailBrand },
      );
    },
  };
};
