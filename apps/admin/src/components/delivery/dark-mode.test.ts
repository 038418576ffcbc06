import { describe, expect, it } from 'vitest';
import { asDarkMail } from './dark-mode';

describe('asDarkMail', () => {
  it('turns the dark rules on and the light ones off, whatever the spacing', () => {
    const html =
      '<style>@media (prefers-color-scheme: dark){.a{color:#fff}}@media(prefers-color-scheme:light){.b{color:#000}}</style>';
    expect(asDarkMail(html)).toBe('<style>@media all{.a{color:#fff}}@media not all{.b{color:#000}}</style>');
  });

  it('leaves other media queries alone', () => {
    const html = '<style>@media (max-width: 600px){.a{width:100%}}</style>';
    expect(asDarkMail(html)).toBe(html);
  });
});
