/** Cookie names shared by the proxy, the route handlers and the client (bl_product only). */
export const ACCESS_COOKIE = 'bl_access';
export const REFRESH_COOKIE = 'bl_refresh';
export const PRODUCT_COOKIE = 'bl_product';
