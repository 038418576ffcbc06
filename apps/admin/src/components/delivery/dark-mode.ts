/**
 * The mail as a dark-mode client that honours its media queries shows it: the `prefers-color-scheme: dark`
 * rules apply and the light ones do not. The preview frame's `color-scheme` alone would be the faithful switch
 * (the spec makes it the frame document's preferred scheme), but Chromium does not pass it on to an iframe's
 * media queries yet, so the dark preview rewrites the queries instead.
 */
export function asDarkMail(html: string): string {
  return html
    .replace(/@media\s*\(\s*prefers-color-scheme\s*:\s*dark\s*\)/gi, '@media all')
    .replace(/@media\s*\(\s*prefers-color-scheme\s*:\s*light\s*\)/gi, '@media not all');
}
