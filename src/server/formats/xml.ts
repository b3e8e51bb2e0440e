// A small XML reader for result files (NUnit, JUnit): elements, attributes, text and CDATA. Enough for
// well-formed machine-written XML; anything malformed is an XmlError naming where it went wrong.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlError extends Error {
  override name = 'XmlError';
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref] ?? whole;
  });
}

const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function lineOf(text: string, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Deeper than any real result file; readers of the tree recurse, so a hostile file must not nest without end. */
export const MAX_XML_DEPTH = 500;

export function parseXml(input: string, maxDepth = MAX_XML_DEPTH): XmlElement {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const fail = (what: string): never => {
    throw new XmlError(`${what} (line ${lineOf(text, i)})`);
  };
  const skipTo = (end: string, what: string) => {
    const at = text.indexOf(end, i);
    if (at < 0) fail(`unterminated ${what}`);
    const body = text.slice(i, at);
    i = at + end.length;
    return body;
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (chunk.trim()) {
      if (!stack.length) fail('text outside the root element');
      stack[stack.length - 1]!.text += decodeEntities(chunk);
    }
    if (lt < 0) break;
    i = lt;
    if (text.startsWith('<?', i)) {
      i += 2;
      skipTo('?>', 'processing instruction');
    } else if (text.startsWith('<!--', i)) {
      i += 4;
      skipTo('-->', 'comment');
    } else if (text.startsWith('<![CDATA[', i)) {
      i += 9;
      const data = skipTo(']]>', 'CDATA section');
      if (!stack.length) fail('CDATA outside the root element');
      stack[stack.length - 1]!.text += data;
    } else if (text.startsWith('<!', i)) {
      i += 2;
      // A DOCTYPE's internal subset holds declarations that end in '>' themselves: skip past its ']' first.
      const gt = text.indexOf('>', i);
      const bracket = gt < 0 ? -1 : text.slice(i, gt).indexOf('[');
      if (bracket >= 0) {
        i += bracket + 1;
        skipTo(']', 'DOCTYPE internal subset');
      }
      skipTo('>', 'declaration');
    } else if (text.startsWith('</', i)) {
      i += 2;
      const name = skipTo('>', 'closing tag').trim();
      const open = stack.pop();
      if (!open) fail(`closing tag </${name}> without an opening tag`);
      if (open!.name !== name) fail(`</${name}> closes <${open!.name}>`);
    } else {
      i += 1;
      const start = i;
      let quote = '';
      while (i < text.length) {
        const ch = text[i]!;
        if (quote) {
          if (ch === quote) quote = '';
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '>') break;
        i++;
      }
      if (i >= text.length) fail('unterminated tag');
      let body = text.slice(start, i);
      i++;
      const selfClosing = body.endsWith('/');
      if (selfClosing) body = body.slice(0, -1);
      const nameMatch = /^[^\s/>]+/.exec(body);
      if (!nameMatch) fail('a tag without a name');
      const el: XmlElement = { name: nameMatch![0], attrs: {}, children: [], text: '' };
      for (const a of body.slice(nameMatch![0].length).matchAll(ATTR)) el.attrs[a[1]!] = decodeEntities(a[2] ?? a[3] ?? '');
      if (stack.length) stack[stack.length - 1]!.children.push(el);
      else if (root) fail('a second root element');
      else root = el;
      if (!selfClosing) {
        if (stack.length >= maxDepth) fail(`elements are nested more than ${maxDepth} deep`);
        stack.push(el);
      }
    }
  }
  if (stack.length) throw new XmlError(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new XmlError('no root element');
  return root;
}
