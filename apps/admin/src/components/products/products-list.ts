/** The `products.list` input of the products page and the product switcher: every product, one page. */
export const ALL_PRODUCTS_INPUT = {};
