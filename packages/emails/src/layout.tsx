/** @jsxRuntime automatic */
/** @jsxImportSource react */
import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Img,
  Link,
  Preview,
  Section,
  Text,
} from '@react-email/components';
import { type CSSProperties, createContext, type ReactNode, useContext } from 'react';
import { PREVIEW_BRAND, type TEmailBrand, type TEmailPalette } from './brand';
import { ENGLISH, type MessageArgs, type Translate } from './messages';

const COLORS = { text: '#18181b', muted: '#71717a', border: '#e4e4e7', page: '#f4f4f5', card: '#ffffff' };
const DARK = {
  page: '#09090b',
  card: '#18181b',
  border: '#27272a',
  text: '#f4f4f5',
  muted: '#a1a1aa',
  box: '#27272a',
};
const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** Black or white, whichever reads better on the accent (WCAG relative luminance). */
export function textColorOn(hex: string): string {
  const channel = (offset: number) => {
    const c = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

/** The accent mixed halfway to white, so links stay readable on the dark card. */
function lighten(hex: string): string {
  const mix = (offset: number) =>
    Math.round((Number.parseInt(hex.slice(offset, offset + 2), 16) + 255) / 2)
      .toString(16)
      .padStart(2, '0');
  return `#${mix(1)}${mix(3)}${mix(5)}`;
}

/** The brand's palette (from its published theme), else the platform's colours around its accent. */
const paletteOf = (brand: TEmailBrand): TEmailPalette =>
  brand.palette ?? {
    ...COLORS,
    onAccent: textColorOn(brand.accentColor),
    dark: { ...DARK, link: lighten(brand.accentColor) },
  };

/** The palette of the mail being rendered, for the parts that are not handed the brand. */
const PaletteContext = createContext<TEmailPalette>(paletteOf(PREVIEW_BRAND));
const usePalette = () => useContext(PaletteContext);

/** The translator of the mail being rendered, for the shared parts (footer, the button's link line). */
const TranslateContext = createContext<Translate>(ENGLISH);

// Stands in for a link while its sentence is formatted; no message or argument contains it.
const SLOT = '\u0000';

/**
 * The message at `key` with `node` (a link) where its `{slot}` argument stands, so translators keep the
 * whole sentence and may move the link. A translation that drops the argument gets the link after it.
 */
export function withLink(t: Translate, key: string, args: MessageArgs, slot: string, node: ReactNode) {
  const [before = '', ...after] = t(key, { ...args, [slot]: SLOT }).split(SLOT);
  if (after.length === 0) {
    return (
      <>
        {before} {node}
      </>
    );
  }
  return (
    <>
      {before}
      {node}
      {after.join('')}
    </>
  );
}

// Inline styles are the light theme every client gets; these rules repaint it in clients that honour
// prefers-color-scheme (Apple Mail, Outlook for Mac, iOS), hence !important over the inline values.
// Body copies its style onto the cell of its wrapper table, so the page rule reaches that cell too.
const darkCss = ({
  dark,
}: TEmailPalette) => `:root{color-scheme:light dark;supported-color-schemes:light dark}
@media (prefers-color-scheme: dark){
.em-page,.em-page>table>tbody>tr>td{background-color:${dark.page} !important}
.em-card{background-color:${dark.card} !important;border-color:${dark.border} !important}
.em-text{color:${dark.text} !important}
.em-muted{color:${dark.muted} !important}
.em-rule{border-color:${dark.border} !important}
.em-box{background-color:${dark.box} !important}
.em-link{color:${dark.link} !important}
}`;

type LayoutProps = {
  preview: string;
  brand: TEmailBrand;
  /** The footer's "why you got this mail" sentence. */
  reason: string;
  unsubscribeUrl?: string | undefined;
  /** The template's translator; the footer and the button's link line read it too. */
  t?: Translate | undefined;
  children: ReactNode;
};

/** The frame every template shares: preview line, brand header, card, footer. */
export function EmailLayout({ preview, brand, reason, unsubscribeUrl, t = ENGLISH, children }: LayoutProps) {
  const palette = paletteOf(brand);
  return (
    <Html lang={t.locale ?? 'en'}>
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <style>{darkCss(palette)}</style>
      </Head>
      <Preview>{preview}</Preview>
      <Body className="em-page" style={{ backgroundColor: palette.page, fontFamily: FONT, margin: 0 }}>
        <Container
          className="em-card"
          style={{
            backgroundColor: palette.card,
            border: `1px solid ${palette.border}`,
            borderTop: `4px solid ${brand.accentColor}`,
            borderRadius: 8,
            margin: '32px auto',
            maxWidth: 560,
            padding: '28px 32px',
          }}
        >
          <PaletteContext.Provider value={palette}>
            <TranslateContext.Provider value={t}>
              <BrandHeader brand={brand} />
              <Section style={{ color: palette.text, fontSize: 15, lineHeight: '24px' }}>{children}</Section>
              <Footer brand={brand} reason={reason} unsubscribeUrl={unsubscribeUrl} />
            </TranslateContext.Provider>
          </PaletteContext.Provider>
        </Container>
      </Body>
    </Html>
  );
}

function BrandHeader({ brand }: { brand: TEmailBrand }) {
  const palette = usePalette();
  if (brand.logoUrl !== undefined) {
    // A 32 px tall mark; `height` as an attribute because Outlook ignores CSS sizes on images.
    return (
      <Img src={brand.logoUrl} alt={brand.productName} height={32} style={{ height: 32, marginBottom: 8 }} />
    );
  }
  return (
    <Text
      className="em-text"
      style={{ color: palette.text, fontSize: 18, fontWeight: 700, margin: '0 0 8px', lineHeight: '32px' }}
    >
      {brand.productName}
    </Text>
  );
}

const FOOTER_TEXT: CSSProperties = {
  fontSize: 12,
  lineHeight: '18px',
  margin: '0 0 8px',
};

function Footer(props: { brand: TEmailBrand; reason: string; unsubscribeUrl?: string | undefined }) {
  const { brand } = props;
  const palette = usePalette();
  const t = useContext(TranslateContext);
  const linkStyle = { color: palette.muted, textDecoration: 'underline' };
  const footerText = { color: palette.muted, ...FOOTER_TEXT };
  return (
    <Section>
      <Hr className="em-rule" style={{ borderColor: palette.border, margin: '28px 0 16px' }} />
      <Text className="em-muted" style={footerText}>
        {props.reason}
      </Text>
      <Text className="em-muted" style={footerText}>
        {withLink(
          t,
          'email.layout.questions',
          {},
          'supportEmail',
          <Link className="em-muted" href={`mailto:${brand.supportEmail}`} style={linkStyle}>
            {brand.supportEmail}
          </Link>,
        )}
      </Text>
      {props.unsubscribeUrl !== undefined && (
        <Text className="em-muted" style={footerText}>
          {withLink(
            t,
            'email.layout.unsubscribePrompt',
            {},
            'unsubscribeLink',
            <Link className="em-muted" href={props.unsubscribeUrl} style={linkStyle}>
              {t('email.layout.unsubscribe')}
            </Link>,
          )}
        </Text>
      )}
      <Text className="em-muted" style={footerText}>
        {brand.productName} ·{' '}
        <Link className="em-muted" href={brand.appUrl} style={linkStyle}>
          {brand.appUrl}
        </Link>
      </Text>
    </Section>
  );
}

export function Title({ children }: { children: ReactNode }) {
  const palette = usePalette();
  return (
    <Heading
      as="h1"
      className="em-text"
      style={{
        color: palette.text,
        fontSize: 22,
        fontWeight: 700,
        lineHeight: '30px',
        margin: '16px 0 12px',
      }}
    >
      {children}
    </Heading>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  const palette = usePalette();
  return (
    <Text
      className="em-text"
      style={{ color: palette.text, fontSize: 15, lineHeight: '24px', margin: '0 0 16px' }}
    >
      {children}
    </Text>
  );
}

/** Smaller, muted text for security notes and fine print. */
export function Note({ children }: { children: ReactNode }) {
  const palette = usePalette();
  return (
    <Text
      className="em-muted"
      style={{ color: palette.muted, fontSize: 13, lineHeight: '20px', margin: '0 0 12px' }}
    >
      {children}
    </Text>
  );
}

export function AccentLink({
  href,
  brand,
  children,
}: {
  href: string;
  brand: TEmailBrand;
  children: ReactNode;
}) {
  return (
    <Link className="em-link" href={href} style={{ color: brand.accentColor, textDecoration: 'underline' }}>
      {children}
    </Link>
  );
}

/**
 * The one primary action, followed by its URL as text for clients that block buttons. The URL line is
 * left out of the plain-text part, where the button already prints its link.
 */
export function CallToAction({
  href,
  brand,
  children,
}: {
  href: string;
  brand: TEmailBrand;
  children: ReactNode;
}) {
  const palette = usePalette();
  const t = useContext(TranslateContext);
  return (
    <>
      <Section style={{ margin: '8px 0 20px' }}>
        <Button
          href={href}
          style={{
            backgroundColor: brand.accentColor,
            borderRadius: 6,
            color: palette.onAccent,
            fontSize: 15,
            fontWeight: 600,
            padding: '12px 22px',
          }}
        >
          {children}
        </Button>
      </Section>
      <Text
        className="em-muted"
        data-skip-in-text="true"
        style={{ color: palette.muted, fontSize: 13, lineHeight: '20px', margin: '0 0 16px' }}
      >
        {t('email.layout.pasteLink')}
        <br />
        <Link className="em-link" href={href} style={{ color: brand.accentColor, wordBreak: 'break-all' }}>
          {href}
        </Link>
      </Text>
    </>
  );
}

/** Label/value facts (device, amount, expiry): a shaded box, one line per fact. */
export function Details({ rows }: { rows: ReadonlyArray<readonly [label: string, value: string]> }) {
  const palette = usePalette();
  return (
    <Section
      className="em-box"
      style={{ backgroundColor: palette.page, borderRadius: 6, margin: '0 0 20px', padding: '12px 16px' }}
    >
      {rows.map(([label, value]) => (
        <Text
          key={label}
          className="em-text"
          style={{ color: palette.text, fontSize: 14, lineHeight: '22px', margin: '2px 0' }}
        >
          <strong>{label}:</strong> {value}
        </Text>
      ))}
    </Section>
  );
}
