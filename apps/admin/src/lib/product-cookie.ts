import { PRODUCT_COOKIE } from './cookie-names';

/** The console's chosen product; the /trpc proxy turns it into the API's x-product-id header. */
export function writeProductCookie(productId: string): void {
  const secure = window.location.protocol === 'https:' ? '; Secure' : '';
  // biome-ignore lint/suspicious/noDocumentCookie: a plain, non-secret preference cookie read by the proxy
  document.cookie = `${PRODUCT_COOKIE}=${encodeURIComponent(productId)}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
}

export function clearProductCookie(): void {
  // biome-ignore lint/suspicious/noDocumentCookie: see writeProductCookie
  document.cookie = `${PRODUCT_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
}
