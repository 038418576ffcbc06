/**
 * A small XML reader for translators' XLIFF files: elements, attributes, text, CDATA, comments and the five
 * predefined entities plus character references. A DOCTYPE (and so any entity declaration) is refused
 * outright, so no file can expand entities or reach outside itself.
 */

export type XmlElement = {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
};
export type XmlNode = XmlElement | string;

export class XmlError extends Error {}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const decode = (text: string): string =>
  text.replace(/&([^;\s&]{0,10});/g, (whole, name: string) => {
    if (name in PREDEFINED) return PREDEFINED[name] ?? whole;
    const code = name.startsWith('#x')
      ? Number.parseInt(name.slice(2), 16)
      : name.startsWith('#')
        ? Number.parseInt(name.slice(1), 10)
        : Number.NaN;
    if (!Number.isInteger(code) || code < 1 || code > 0x10ffff)
      throw new XmlError(`Unknown entity &${name};`);
    return String.fromCodePoint(code);
  });

const ATTRIBUTE = /([A-Za-z_:][-\w.:]*)\s*=\s*("([^"]*)"|'([^']*)')/g;

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Parses `xml` into its root element; names lose their namespace prefix. Throws XmlError on malformed input. */
export const parseXml = (xml: string): XmlElement => {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new XmlError('DOCTYPE and entity declarations are not accepted');
  }
  const root: XmlElement = { name: '#root', attributes: {}, children: [] };
  const stack: XmlElement[] = [root];
  let at = 0;
  const top = () => stack[stack.length - 1] ?? root;
  while (at < xml.length) {
    const open = xml.indexOf('<', at);
    const text = xml.slice(at, open === -1 ? xml.length : open);
    if (text) top().children.push(decode(text));
    if (open === -1) break;
    if (xml.startsWith('<!--', open)) {
      const end = xml.indexOf('-->', open + 4);
      if (end === -1) throw new XmlError('Unclosed comment');
      at = end + 3;
    } else if (xml.startsWith('<![CDATA[', open)) {
      const end = xml.indexOf(']]>', open + 9);
      if (end === -1) throw new XmlError('Unclosed CDATA section');
      top().children.push(xml.slice(open + 9, end));
      at = end + 3;
    } else if (xml.startsWith('<?', open)) {
      const end = xml.indexOf('?>', open + 2);
      if (end === -1) throw new XmlError('Unclosed processing instruction');
      at = end + 2;
    } else if (xml.startsWith('</', open)) {
      const end = xml.indexOf('>', open);
      if (end === -1) throw new XmlError('Unclosed end tag');
      const name = localName(xml.slice(open + 2, end).trim());
      const current = stack.pop();
      if (!current || current === root || current.name !== name) {
        throw new XmlError(`Unexpected </${name}>`);
      }
      at = end + 1;
    } else {
      const end = xml.indexOf('>', open);
      if (end === -1) throw new XmlError('Unclosed start tag');
      const body = xml.slice(open + 1, end);
      const selfClosing = body.endsWith('/');
      const inner = selfClosing ? body.slice(0, -1) : body;
      const nameMatch = /^([A-Za-z_:][-\w.:]*)/.exec(inner);
      if (!nameMatch?.[1]) throw new XmlError(`Malformed tag at character ${open + 1}`);
      const attributes: Record<string, string> = {};
      for (const match of inner.slice(nameMatch[1].length).matchAll(ATTRIBUTE)) {
        attributes[localName(match[1] ?? '')] = decode(match[3] ?? match[4] ?? '');
      }
      const element: XmlElement = { name: localName(nameMatch[1]), attributes, children: [] };
      top().children.push(element);
      if (!selfClosing) stack.push(element);
      at = end + 1;
    }
  }
  if (stack.length !== 1) throw new XmlError(`Unclosed <${top().name}>`);
  const elements = root.children.filter((c): c is XmlElement => typeof c !== 'string');
  const [first] = elements;
  if (!first || elements.length !== 1) throw new XmlError('Expected one root element');
  return first;
};

export const childElements = (element: XmlElement, name: string): XmlElement[] =>
  element.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);

/** The element's text, nested elements' text included. */
export const textOf = (element: XmlElement): string =>
  element.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');

export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
