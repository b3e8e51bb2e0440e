// Hand-written code against the well-kept libraries that do the same job (issue 11): each section times the
// fake's code and each candidate on the same input in the same run, and checks how strict each is on the
// inputs the fake must refuse. Medians of timed rounds after warm-up; ratio = library / ours (below 1: the
// library is faster).
// Run: npx tsx bench/libraries.bench.ts   (about 30 s; prints Markdown tables)
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { unzipSync } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { SmartRouter } from 'hono/router/smart-router';
import { TrieRouter } from 'hono/router/trie-router';
import { PatternRouter } from 'hono/router/pattern-router';
import { LRUCache } from 'lru-cache';
import picomatch from 'picomatch';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { Lru } from '../src/query/lru.ts';
import { readZip } from '../src/server/formats/zip.ts';
import { parseXml, MAX_XML_DEPTH, type XmlElement } from '../src/server/formats/xml.ts';
import { parseMultipart, type Part } from '../src/server/http/multipart.ts';
import { Router } from '../src/server/http/router.ts';
import { pathMatcher } from '../src/server/plugins/admin/pattern.ts';
import { zipOf } from '../test/helpers/zip.ts';
import openapi from '../generated/openapi.json' with { type: 'json' };

/** Median ms of `rounds` timed calls after `warmup` untimed ones. */
async function median(fn: () => unknown, rounds = 31, warmup = 5): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(rounds / 2)]!;
}

const rows: string[][] = [];
const checks: string[][] = [];
const fmt = (ms: number) => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} µs`);

async function compare(section: string, work: string, ours: () => unknown, candidates: Record<string, () => unknown>, rounds?: number, oursName = 'ours') {
  const base = await median(ours, rounds);
  rows.push([section, work, oursName, fmt(base), '1']);
  for (const [name, fn] of Object.entries(candidates)) {
    const t = await median(fn, rounds);
    rows.push([section, work, name, fmt(t), (t / base).toFixed(2)]);
  }
}

/** Whether `fn` refuses (throws or rejects); `refused` when it did, what it returned otherwise. */
async function refuses(fn: () => unknown): Promise<string> {
  try {
    const out = await fn();
    return `accepted (${describe(out)})`;
  } catch (err) {
    return `refused: ${(err as Error).message.slice(0, 70)}`;
  }
}
const describe = (v: unknown): string => (Array.isArray(v) ? `${v.length} items` : v instanceof Uint8Array ? `${v.length} bytes` : typeof v);

// ---------------------------------------------------------------- zip
{
  const junitFile = (n: number) =>
    `<testsuites><testsuite name="S${n}">${Array.from({ length: 2_000 }, (_, i) => `<testcase classname="com.example.S${n}" name="test${i}" time="0.01"/>`).join('')}</testsuite></testsuites>`;
  const files = Array.from({ length: 20 }, (_, n) => ({ name: `reports/junit-${n}.xml`, text: junitFile(n) }));
  const archive = zipOf(files);
  const limit = 50_000_000;
  const fflateRead = (data: Buffer, max: number) => {
    let budget = max;
    const out = unzipSync(data, {
      filter: (f) => {
        if (f.originalSize > budget) throw new Error(`unpacks to more than ${max} bytes`);
        budget -= f.originalSize;
        return !f.name.endsWith('/');
      },
    });
    return Object.entries(out).map(([name, bytes]) => ({ name, data: Buffer.from(bytes) }));
  };
  const yauzlRead = (data: Buffer, max: number) =>
    new Promise<{ name: string; data: Buffer }[]>((resolve, reject) => {
      yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
        if (err) return reject(err);
        const out: { name: string; data: Buffer }[] = [];
        let budget = max;
        zip.on('error', reject);
        zip.on('end', () => resolve(out));
        zip.on('entry', (entry: yauzl.Entry) => {
          if (entry.fileName.endsWith('/')) return zip.readEntry();
          if (entry.uncompressedSize > budget) return reject(new Error(`unpacks to more than ${max} bytes`));
          budget -= entry.uncompressedSize;
          zip.openReadStream(entry, (e, stream) => {
            if (e) return reject(e);
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('error', reject);
            stream.on('end', () => {
              out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
              zip.readEntry();
            });
          });
        });
        zip.readEntry();
      });
    });
  if (fflateRead(archive, limit).length !== 20 || (await yauzlRead(archive, limit)).length !== 20 || (await readZip(archive, limit)).length !== 20) throw new Error('zip readers disagree');
  await compare('zip', `20 deflated JUnit files, ${(archive.length / 1024).toFixed(0)} KB -> ${(files.reduce((n, f) => n + f.text.length, 0) / 1e6).toFixed(1)} MB`, () => readZip(archive, limit), {
    fflate: () => fflateRead(archive, limit),
    yauzl: () => yauzlRead(archive, limit),
  });
  // A bomb whose directory tells the truth, one that lies about the unpacked size, and a cut archive.
  const bomb = zipOf([{ name: 'big.xml', text: 'a'.repeat(200_000) }]);
  const liar = Buffer.from(bomb);
  liar.writeUInt32LE(100, 22);
  liar.writeUInt32LE(100, liar.indexOf(Buffer.from([0x50, 0x4b, 1, 2])) + 24);
  const cut = archive.subarray(0, archive.length - 30);
  for (const [what, data] of [['bomb (200 KB of one letter, limit 10 KB)', bomb], ['bomb that declares 100 bytes', liar], ['archive cut short', cut]] as const) {
    checks.push(['zip', what, await refuses(() => readZip(data, 10_000)), `fflate: ${await refuses(() => fflateRead(data, 10_000))}`, `yauzl: ${await refuses(() => yauzlRead(data, 10_000))}`]);
  }
}

// ---------------------------------------------------------------- xml
const saxesTree = (text: string, maxDepth = MAX_XML_DEPTH): XmlElement => {
  const parser = new SaxesParser();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= maxDepth) throw new Error(`elements are nested more than ${maxDepth} deep`);
    const el: XmlElement = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], text: '' };
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else root = el;
    if (!tag.isSelfClosing) stack.push(el);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1]!.text += t;
  });
  parser.on('cdata', (t) => {
    if (stack.length) stack[stack.length - 1]!.text += t;
  });
  parser.write(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).close();
  if (!root) throw new Error('no root element');
  return root;
};
type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };
const fxp = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, parseTagValue: false, parseAttributeValue: false, trimValues: false, htmlEntities: true, maxNestedTags: MAX_XML_DEPTH });
const fxpTree = (text: string): XmlElement => {
  const valid = XMLValidator.validate(text); // the parser alone accepts mismatched tags
  if (valid !== true) throw new Error(`${valid.err.msg} (line ${valid.err.line})`);
  const convert = (node: Ordered): XmlElement | string => {
    const name = Object.keys(node).find((k) => k !== ':@')!;
    if (name === '#text') return String(node[name]);
    const el: XmlElement = { name, attrs: node[':@'] ?? {}, children: [], text: '' };
    for (const child of node[name] as Ordered[]) {
      const c = convert(child);
      if (typeof c === 'string') el.text += c;
      else el.children.push(c);
    }
    return el;
  };
  const root = (fxp.parse(text) as Ordered[]).map(convert).find((n): n is XmlElement => typeof n !== 'string' && !n.name.startsWith('?'));
  if (!root) throw new Error('no root element');
  return root;
};
{
  const cases = Array.from({ length: 5_000 }, (_, i) =>
    i % 10 === 3
      ? `<test-case name="t${i}" fullname="Bank.Tests.F${i % 50}.t${i}" result="Failed" duration="0.5"><failure><message><![CDATA[Expected <1> but was <2>]]></message></failure></test-case>`
      : `<test-case name="t${i}" fullname="Bank.Tests.F${i % 50}.t${i}" result="Passed" duration="0.012"/>`,
  );
  const nunit = `<?xml version="1.0" encoding="utf-8"?><test-run start-time="2026-03-02 09:00:00Z"><test-suite type="Assembly" name="Bank.Tests.dll">${cases.join('\n')}</test-suite></test-run>`;
  const count = (el: XmlElement): number => 1 + el.children.reduce((n, c) => n + count(c), 0);
  const expected = count(parseXml(nunit));
  if (count(saxesTree(nunit)) !== expected || count(fxpTree(nunit)) !== expected) throw new Error('xml readers disagree');
  await compare('xml', `NUnit file of 5,000 test cases, ${(nunit.length / 1e6).toFixed(2)} MB, to a tree`, () => parseXml(nunit), { saxes: () => saxesTree(nunit), 'fast-xml-parser (validate + parse)': () => fxpTree(nunit) }, 15);
  const deep = `<testsuites>${'<testsuite>'.repeat(100_000)}${'</testsuite>'.repeat(100_000)}</testsuites>`;
  for (const [what, text] of [
    ['mismatched tags on line 2', '<a>\n<b></a>'],
    ['undefined entity &nbsp;', '<a>&nbsp;</a>'],
    ['two roots', '<a/><b/>'],
    ['nested 100,000 deep', deep],
    ['DOCTYPE with an internal entity', '<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>'],
  ] as const) {
    const show = async (fn: () => XmlElement) => {
      const r = await refuses(fn);
      return r.startsWith('accepted') ? `accepted (text ${JSON.stringify(fn().text.slice(0, 12))})` : r;
    };
    checks.push(['xml', what, await show(() => parseXml(text)), `saxes: ${await show(() => saxesTree(text))}`, `fast-xml-parser: ${await show(() => fxpTree(text))}`]);
  }
}

// ---------------------------------------------------------------- multipart
{
  const boundary = '----et-fake-bench-boundary';
  const file = Buffer.from(`<testsuites>${'<testcase name="x"/>'.repeat(50_000)}</testsuites>`);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nnightly\r\n--${boundary}\r\nContent-Disposition: form-data; name="report"; filename="results.xml"\r\nContent-Type: text/xml\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const busboyParts = (data: Buffer, contentType: string) =>
    new Promise<Part[]>((resolve, reject) => {
      const parts: Part[] = [];
      const bb = busboy({ headers: { 'content-type': contentType }, limits: { fileSize: 100_000_000 } });
      bb.on('field', (name, value) => parts.push({ name, data: Buffer.from(value) }));
      bb.on('file', (name, stream, info) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => parts.push({ name, filename: info.filename, contentType: info.mimeType, data: Buffer.concat(chunks) }));
      });
      bb.on('close', () => resolve(parts));
      bb.on('error', reject);
      Readable.from([data]).pipe(bb);
    });
  const webFormData = (data: Buffer, contentType: string) => new Request('http://127.0.0.1/', { method: 'POST', body: data, headers: { 'content-type': contentType } }).formData();
  const formType = `multipart/form-data; boundary=${boundary}`;
  const mixedType = `multipart/mixed; boundary=${boundary}`;
  if ((await busboyParts(body, formType)).find((p) => p.filename)!.data.length !== file.length || parseMultipart(body, boundary).find((p) => p.filename)!.data.length !== file.length) throw new Error('multipart readers disagree');
  await compare('multipart', `form-data, a field and a ${(file.length / 1e6).toFixed(1)} MB file part`, () => parseMultipart(body, boundary), {
    busboy: () => busboyParts(body, formType),
    "Request.formData() (Hono's parseBody)": () => webFormData(body, formType),
  });
  const lf = Buffer.from(body.toString('latin1').replaceAll('\r\n', '\n'), 'latin1');
  for (const [what, data, type] of [
    ['multipart/mixed (ET upload client)', body, mixedType],
    ['bare LF line ends', lf, formType],
  ] as const) {
    checks.push(['multipart', what, await refuses(() => parseMultipart(data, boundary)), `busboy: ${await refuses(() => busboyParts(data, type))}`, `formData: ${await refuses(() => webFormData(data, type))}`]);
  }
}

// ---------------------------------------------------------------- admin path patterns
{
  const patterns = ['/api/project/*', '/api/**', '/api/script?/*', '/api/scriptpackage/*/scripts', '/api/automatedtestassignment/*/runs'];
  const guid = 'FC68461E-5921-4240-BB8B-2D00549D923A';
  const paths = Array.from({ length: 1_000 }, (_, i) => [`/api/project/${guid}`, `/API/Scripts`, `/api/scriptpackage/${i}/scripts/`, '/api/automatedtestassignment/x/runs', `/api/incident/${i}`][i % 5]!);
  const picoMatcher = (p: string) => {
    const re = picomatch.makeRe(p, { nocase: true, dot: true });
    return (path: string) => re.test(path);
  };
  await compare('admin patterns', `compile ${patterns.length} globs`, () => patterns.map(pathMatcher), { picomatch: () => patterns.map(picoMatcher) }, 201);
  const ours = patterns.map(pathMatcher);
  const pico = patterns.map(picoMatcher);
  let n = 0;
  await compare('admin patterns', `match ${paths.length} paths against ${patterns.length} globs`, () => { for (const m of ours) for (const p of paths) if (m(p)) n++; }, { picomatch: () => { for (const m of pico) for (const p of paths) if (m(p)) n++; } }, 101);
  for (const [glob, path] of [['/api/project/*', '/api/project'], ['/api/**', '/api'], ['/api/{a,b}', '/api/a'], ['/api/(x)', '/api/(x)'], ['/api/project/*', '/api/project/.hidden']] as const) {
    checks.push(['admin patterns', `${glob} on ${path}`, pathMatcher(glob)(path) ? 'matches' : 'no match', `picomatch: ${picoMatcher(glob)(path) ? 'matches' : 'no match'}`, '']);
  }
}

// ---------------------------------------------------------------- lru
/** The Map-based LRU that src/query/lru.ts held before it wrapped lru-cache: the baseline, kept here. */
class MapLru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(readonly capacity: number) {}
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }
}
{
  // The parse caches: 1,000 entries, a working set of 1,200 query texts, 80% of the calls on 200 hot ones.
  const texts = Array.from({ length: 1_200 }, (_, i) => `Name ~ 'query ${i}' AND Status = Approved`);
  const keys = Array.from({ length: 100_000 }, (_, i) => texts[(i * 7919) % 5 === 0 ? (i * 104729) % 1_200 : (i * 31) % 200]!);
  const value = {};
  const run = (cache: { get(k: string): object | undefined; set(k: string, v: object): unknown }) => () => {
    for (const k of keys) if (cache.get(k) === undefined) cache.set(k, value);
  };
  const hand = new MapLru<string, object>(1_000);
  await compare('lru', `${keys.length.toLocaleString('en')} get-or-set calls, capacity 1,000`, run(hand), { 'lru-cache': run(new LRUCache<string, object>({ max: 1_000 })), 'src/query/lru.ts (lru-cache inside)': run(new Lru<string, object>(1_000)) }, undefined, 'the Map-based LRU it replaced');
}

// ---------------------------------------------------------------- router
{
  const templates = Object.keys((openapi as { paths: Record<string, unknown> }).paths);
  const trie = new Router<string>();
  for (const t of templates) trie.add(t, 'GET', t);
  // Hono's routers match case-sensitively: give them lower-cased literals and a lower-cased path, then take the
  // parameters from the original path by position, so values keep their case. Templates are added literal
  // before parameter, segment by segment, so the first match is the one the trie's walk finds.
  const segs = (p: string) => p.split('/').filter(Boolean);
  const isParam = (s: string) => s.startsWith('{');
  const specificity = (a: string, b: string) => {
    const x = segs(a), y = segs(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (isParam(x[i]!) !== isParam(y[i]!)) return isParam(x[i]!) ? 1 : -1;
    return 0;
  };
  type Leaf = { template: string; params: [string, number][] };
  const leaves: Leaf[] = [...templates].sort(specificity).map((t) => ({ template: t, params: segs(t).flatMap((s, i) => (isParam(s) ? [[s.slice(1, -1), i] as [string, number]] : [])) }));
  const honoPath = (t: string) => '/' + segs(t).map((s, i) => (isParam(s) ? `:p${i}` : s.toLowerCase())).join('/');
  // Hono's default: SmartRouter picks RegExpRouter, or TrieRouter when RegExpRouter cannot take the routes.
  const routers = { 'SmartRouter (Hono default)': new SmartRouter<Leaf>({ routers: [new RegExpRouter(), new TrieRouter()] }), TrieRouter: new TrieRouter<Leaf>(), PatternRouter: new PatternRouter<Leaf>() };
  for (const r of Object.values(routers)) for (const leaf of leaves) r.add('GET', honoPath(leaf.template), leaf);
  const honoMatch = (router: { match(m: string, p: string): [[Leaf, unknown][], unknown?] }, path: string) => {
    const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    const found = router.match('GET', trimmed.toLowerCase())[0][0];
    if (!found) return undefined;
    const parts = segs(trimmed);
    const params: Record<string, string> = {};
    for (const [name, at] of found[0].params) params[name] = decodeURIComponent(parts[at]!);
    return { template: found[0].template, params };
  };
  const guid = 'FC68461E-5921-4240-BB8B-2D00549D923A';
  const flip = (s: string) => [...s].map((c, i) => (i % 3 ? c : c.toUpperCase())).join('');
  const paths = templates.map((t) => '/' + segs(t).map((s) => (isParam(s) ? guid : flip(s))).join('/'));
  for (const p of paths) for (const [name, r] of Object.entries(routers)) if (honoMatch(r, p)?.template !== trie.match(p)?.template) throw new Error(`${name} disagrees on ${p}`);
  const each = (fn: (p: string) => unknown) => () => { for (const p of paths) fn(p); };
  await compare('router', `match all ${paths.length} ET paths (upper-case GUIDs, mixed-case literals)`, each((p) => trie.match(p)), Object.fromEntries(Object.entries(routers).map(([name, r]) => [`hono ${name} + lower-casing`, each((p) => honoMatch(r, p))])), 201);
  const regexp = new RegExpRouter<Leaf>();
  checks.push(['router', `RegExpRouter takes the ${templates.length} ET templates`, 'yes', `RegExpRouter: ${await refuses(() => { for (const leaf of leaves) regexp.add('GET', honoPath(leaf.template), leaf); return regexp.match('GET', '/api/'); })}`, '']);
  checks.push(['router', 'matches in any case without lower-casing the path first', 'yes', 'Hono: no (every router compares literals as written)', '']);
}

console.log('| part | work | code | median | ratio |\n|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log('\n| part | input | ours | candidate | candidate |\n|---|---|---|---|---|');
for (const c of checks) console.log(`| ${c.map((x) => x.replaceAll('|', '\\|').replaceAll('\n', ' ')).join(' | ')} |`);
