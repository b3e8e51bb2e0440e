// One documented answer against the fake's: status, Location, Content-Type and the whole body, each
// difference filed under the class of defect it belongs to (links, envelopes, expands, fields, ...).
import { Volatile } from './volatile.ts';

export const CLASSES = ['statuses', 'errors', 'location', 'content-type', 'links', 'envelopes', 'expands', 'fields', 'inheritance', 'ordering', 'values'] as const;
export type DiffClass = (typeof CLASSES)[number];

export interface Difference {
  class: DiffClass;
  /** Where in the answer: `status`, `header Location`, `$.Items[2].Self`. */
  where: string;
  expected?: unknown;
  actual?: unknown;
}

export interface Documented {
  method: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  /** `Message`s of ET's own help pages are compared word for word; the catalogue's by the values they name. */
  exactMessages: boolean;
  /** The request body's field names (a create's fields it does not give come from its container or defaults). */
  requestFields: Set<string>;
  /** Names the request expands (`$expand=Steps,Parent`). */
  expanded: Set<string>;
  /** The field the request orders by (TQL `ORDER BY`, OData `$orderby`), if any. */
  orderBy?: string;
}

export interface Answered {
  status: number;
  headers: Headers;
  text: string;
}

const ABSENT = Symbol('absent');

export function compareAnswer(doc: Documented, got: Answered, volatile: Volatile): Difference[] {
  const diffs: Difference[] = [];
  if (got.status !== doc.status) {
    diffs.push({ class: doc.status === 201 || got.status === 201 ? 'location' : doc.status >= 400 || got.status >= 400 ? 'errors' : 'statuses', where: 'status', expected: doc.status, actual: got.status });
    diffs.push({ class: 'statuses', where: 'status', expected: doc.status, actual: got.status });
    return dedupe(diffs);
  }
  const header = (name: string) => Object.entries(doc.headers).find(([k]) => k.toLowerCase() === name)?.[1];
  const location = header('location');
  if (location !== undefined) {
    const actual = got.headers.get('location');
    if (actual === null || !volatile.sameText(new URL(actual, 'http://localhost').href, new URL(location, 'http://localhost').href)) diffs.push({ class: 'location', where: 'header Location', expected: location, actual });
  }
  const type = header('content-type');
  if (type !== undefined) {
    // The media type, and the charset where the documentation names one.
    const parts = (t: string | null) => {
      const [media = '', ...params] = (t ?? '').toLowerCase().split(';').map((p) => p.trim());
      return { media, charset: params.find((p) => p.startsWith('charset='))?.slice(8) };
    };
    const want = parts(type);
    const have = parts(got.headers.get('content-type'));
    if (have.media !== want.media || (want.charset !== undefined && have.charset !== want.charset)) diffs.push({ class: 'content-type', where: 'header Content-Type', expected: type, actual: got.headers.get('content-type') });
  }
  if (doc.body !== undefined) diffs.push(...compareBody(doc, got.text, volatile));
  return diffs;
}

function compareBody(doc: Documented, text: string, volatile: Volatile): Difference[] {
  const diffs: Difference[] = [];
  if (typeof doc.body === 'string') {
    if (!volatile.sameText(text.replace(/\r\n/g, '\n').trimEnd(), doc.body.replace(/\r\n/g, '\n').trimEnd())) diffs.push({ class: 'values', where: '$ (text)', expected: doc.body, actual: text });
    return diffs;
  }
  let actual: unknown;
  try {
    actual = JSON.parse(text);
  } catch {
    diffs.push({ class: 'values', where: '$ (not JSON)', expected: doc.body, actual: text });
    return diffs;
  }
  new Walk(doc, volatile, diffs).value(actual, doc.body, '$', []);
  return diffs;
}

class Walk {
  constructor(
    private readonly doc: Documented,
    private readonly volatile: Volatile,
    private readonly diffs: Difference[],
  ) {}

  value(actual: unknown, expected: unknown, where: string, keys: string[]): void {
    const key = keys[keys.length - 1];
    if (Array.isArray(expected) && Array.isArray(actual)) return this.array(actual, expected, where, keys);
    if (isObject(expected) && isObject(actual)) return this.object(actual, expected, where, keys);
    if (typeof expected === 'string' && typeof actual === 'string') {
      const same = key === 'Message' && this.doc.status >= 400 && !this.doc.exactMessages ? sameNamedValues(actual, expected) : this.volatile.sameText(actual, expected);
      if (!same) this.push(where, keys, expected, actual);
      return;
    }
    if (actual !== expected) this.push(where, keys, expected, actual);
  }

  private object(actual: Record<string, unknown>, expected: Record<string, unknown>, where: string, keys: string[]): void {
    for (const [k, v] of Object.entries(expected)) this.value(k in actual ? actual[k] : ABSENT, v, `${where}.${k}`, [...keys, k]);
    for (const k of Object.keys(actual)) if (!(k in expected)) this.push(`${where}.${k}`, [...keys, k], ABSENT, actual[k]);
  }

  /**
   * Lists in order, but for ties: items the list's order does not tell apart (the same value of the field it is
   * sorted by; with no such field, the whole list) are compared as a set. Siblings' OrderNumbers are distinct.
   */
  private array(actual: unknown[], expected: unknown[], where: string, keys: string[]): void {
    // (Where the documented answer itself numbers siblings alike, that is what ET answered.)
    const clash = clashingOrderNumbers(expected) ? undefined : clashingOrderNumbers(actual);
    if (clash) this.diffs.push({ class: 'ordering', where: `${where}[*].OrderNumber`, expected: 'distinct among siblings', actual: clash });
    if (actual.length !== expected.length) {
      this.push(`${where}.length`, keys, expected.length, actual.length);
      const n = Math.min(actual.length, expected.length);
      for (let i = 0; i < n; i++) this.value(actual[i], expected[i], `${where}[${i}]`, keys);
      return;
    }
    const sortKey = this.doc.orderBy ?? (expected.every((i) => isObject(i) && 'OrderNumber' in i) ? 'OrderNumber' : undefined);
    const tie = (i: unknown) => (sortKey && isObject(i) ? JSON.stringify(i[sortKey] ?? null) : '');
    let start = 0;
    while (start < expected.length) {
      let end = start + 1;
      while (end < expected.length && tie(expected[end]) === tie(expected[start])) end++;
      this.group(actual, expected, start, end, where, keys);
      start = end;
    }
  }

  private group(actual: unknown[], expected: unknown[], start: number, end: number, where: string, keys: string[]): void {
    const inOrder = this.trial((w) => {
      for (let i = start; i < end; i++) w.value(actual[i], expected[i], `${where}[${i}]`, keys);
    });
    if (!inOrder.diffs.length) return this.adopt(inOrder);
    if (end - start > 1) {
      // A tie: each documented item matched by a distinct answered one of the same stretch.
      const used = new Set<number>();
      let volatile = this.volatile;
      let matched = true;
      for (let i = start; i < end && matched; i++) {
        matched = false;
        for (let j = start; j < end; j++) {
          if (used.has(j)) continue;
          const t = new Walk(this.doc, volatile.fork(), []);
          t.value(actual[j], expected[i], '', keys);
          if (!t.diffs.length) {
            used.add(j);
            volatile = t.volatile;
            matched = true;
            break;
          }
        }
      }
      if (matched) return this.volatile.adopt(volatile);
    }
    this.adopt(inOrder);
  }

  private trial(run: (w: Walk) => void): Walk {
    const w = new Walk(this.doc, this.volatile.fork(), []);
    run(w);
    return w;
  }

  private adopt(w: Walk): void {
    this.volatile.adopt(w.volatile);
    this.diffs.push(...w.diffs);
  }

  private push(where: string, keys: string[], expected: unknown, actual: unknown): void {
    this.diffs.push({ class: this.classOf(keys, expected, actual), where, expected: shown(expected), actual: shown(actual) });
  }

  private classOf(keys: string[], expected: unknown, actual: unknown): DiffClass {
    const key = keys[keys.length - 1] ?? '';
    if (key === 'Message' && this.doc.status >= 400) return 'errors';
    if (key === 'Self' || key === 'Href' || keys.includes('Links') || key === 'EditLink') return 'links';
    if (key === 'Expands' || keys.some((k) => this.doc.expanded.has(k.toLowerCase()))) return 'expands';
    if (keys.length === 1 && ['Skip', 'Top', 'Total', 'Items', 'Self'].includes(key) && isObject(this.doc.body) && 'Items' in this.doc.body) return 'envelopes';
    const created = this.doc.method === 'POST' && this.doc.status === 201;
    if (created && keys.length === 1 && /(Id|Path)$/.test(key) && !this.doc.requestFields.has(key)) return 'inheritance';
    if ((actual === null || actual === ABSENT) && expected !== null && expected !== ABSENT) return 'fields';
    if (actual === ABSENT || expected === ABSENT) return 'fields';
    return 'values';
  }
}

/** Fields that say which container a record sits in: records with the same values are siblings. */
const CONTAINER_FIELDS = ['ProjectId', 'ParentId', 'PackageId', 'ScriptId', 'AssignmentId', 'RunId', 'RequirementId', 'OrganisationId', 'ParentCategoryId'];

/** Siblings sharing an OrderNumber, as `container: [numbers]`; undefined when ET's numbering holds. */
function clashingOrderNumbers(items: unknown[]): string | undefined {
  const seen = new Map<string, unknown[]>();
  for (const i of items) {
    if (!isObject(i) || i.OrderNumber === undefined || i.OrderNumber === null) continue;
    const container = JSON.stringify(CONTAINER_FIELDS.map((f) => i[f] ?? null));
    seen.set(container, [...(seen.get(container) ?? []), i.OrderNumber]);
  }
  for (const [container, numbers] of seen) if (new Set(numbers).size !== numbers.length) return `${container}: ${JSON.stringify(numbers)}`;
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function shown(v: unknown): unknown {
  if (v === ABSENT) return '(absent)';
  const text = JSON.stringify(v);
  return text !== undefined && text.length > 300 ? `${text.slice(0, 300)}...` : v;
}

/** Quoted values and GUIDs a sentence names: what a catalogue Message must agree on. */
function namedValues(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/'([^']*)'|"([^"]*)"|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi)) out.add((m[1] ?? m[2] ?? m[3]!).toLowerCase());
  return [...out].sort();
}

/** The answered sentence names every value the documented one names (the wording is the fake's own). */
function sameNamedValues(actual: string, expected: string): boolean {
  const named = namedValues(actual).join('\0');
  const lower = actual.toLowerCase();
  return namedValues(expected).every((v) => named.includes(v) || lower.includes(v));
}

function dedupe(diffs: Difference[]): Difference[] {
  const seen = new Set<string>();
  return diffs.filter((d) => {
    const k = `${d.class}\0${d.where}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
