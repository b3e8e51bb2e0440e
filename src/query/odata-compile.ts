// Compiles an OData $filter AST into a predicate and an $orderby list into sort keys.
// Property names are matched case-insensitively; string comparison ignores case, as
// ET's database collation does.
import { errorAt, positionOf } from './errors.ts';
import type { ODataExpr, ODataOrderItem } from './odata-ast.ts';
import type { Rec } from './types.ts';
import { toTime, type SortKey } from './values.ts';

type Eval = (rec: Rec) => unknown;

/** A date-time value, kept apart from plain numbers so that comparisons know to parse strings. */
class DateValue {
  constructor(readonly time: number) {}
}

/** Read `name` from an object, exactly or else case-insensitively. */
function prop(obj: unknown, name: string, lower: string): unknown {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const record = obj as Record<string, unknown>;
  if (name in record) return record[name];
  for (const key of Object.keys(record)) if (key.toLowerCase() === lower) return record[key];
  return undefined;
}

function memberReader(path: string[]): Eval {
  const lowers = path.map((p) => p.toLowerCase());
  if (path.length === 1) {
    const [name, lower] = [path[0]!, lowers[0]!];
    return (rec) => prop(rec, name, lower);
  }
  return (rec) => path.reduce<unknown>((obj, name, i) => prop(obj, name, lowers[i]!), rec);
}

const str = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));
const lowerStr = (v: unknown): string | null => str(v)?.toLowerCase() ?? null;

function asTime(v: unknown): number | undefined {
  if (v instanceof DateValue) return v.time;
  return toTime(v);
}

/** -1/0/1, or undefined when the two values cannot be compared. */
function compare(a: unknown, b: unknown): number | undefined {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null) return a === b ? 0 : undefined;
  if (a instanceof DateValue || b instanceof DateValue) {
    const x = asTime(a);
    const y = asTime(b);
    return x === undefined || y === undefined ? undefined : Math.sign(x - y);
  }
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return undefined;
}

type Fn = (args: unknown[]) => unknown;
const datePart = (part: (d: Date) => number): Fn => ([v]) => {
  const t = asTime(v);
  return t === undefined ? null : part(new Date(t));
};
const FUNCTIONS: Record<string, { arity: [number, number]; fn: Fn }> = {
  substringof: { arity: [2, 2], fn: ([needle, hay]) => { const n = lowerStr(needle); const h = lowerStr(hay); return n !== null && h !== null && h.includes(n); } },
  startswith: { arity: [2, 2], fn: ([s, p]) => { const a = lowerStr(s); const b = lowerStr(p); return a !== null && b !== null && a.startsWith(b); } },
  endswith: { arity: [2, 2], fn: ([s, p]) => { const a = lowerStr(s); const b = lowerStr(p); return a !== null && b !== null && a.endsWith(b); } },
  tolower: { arity: [1, 1], fn: ([s]) => lowerStr(s) },
  toupper: { arity: [1, 1], fn: ([s]) => str(s)?.toUpperCase() ?? null },
  length: { arity: [1, 1], fn: ([s]) => str(s)?.length ?? null },
  trim: { arity: [1, 1], fn: ([s]) => str(s)?.trim() ?? null },
  indexof: { arity: [2, 2], fn: ([s, sub]) => { const a = lowerStr(s); const b = lowerStr(sub); return a === null || b === null ? null : a.indexOf(b); } },
  concat: { arity: [2, 2], fn: ([a, b]) => `${str(a) ?? ''}${str(b) ?? ''}` },
  substring: {
    arity: [2, 3],
    fn: ([s, start, len]) => {
      const text = str(s);
      if (text === null || typeof start !== 'number') return null;
      return typeof len === 'number' ? text.substr(start, len) : text.slice(start);
    },
  },
  year: { arity: [1, 1], fn: datePart((d) => d.getUTCFullYear()) },
  month: { arity: [1, 1], fn: datePart((d) => d.getUTCMonth() + 1) },
  day: { arity: [1, 1], fn: datePart((d) => d.getUTCDate()) },
  hour: { arity: [1, 1], fn: datePart((d) => d.getUTCHours()) },
  minute: { arity: [1, 1], fn: datePart((d) => d.getUTCMinutes()) },
  second: { arity: [1, 1], fn: datePart((d) => d.getUTCSeconds()) },
};

export const ODATA_FUNCTIONS = Object.keys(FUNCTIONS);

function compileValue(expr: ODataExpr, source: string): Eval {
  switch (expr.type) {
    case 'literal': {
      if (expr.kind === 'datetime') {
        const t = toTime(expr.value) ?? toTime(`${expr.value}Z`);
        if (t === undefined) throw errorAt('OData $filter', source, positionOf(expr), `datetime'${expr.value}' is not a valid date-time`);
        const value = new DateValue(t);
        return () => value;
      }
      const value = expr.kind === 'guid' ? expr.value.toLowerCase() : expr.value;
      return () => value;
    }
    case 'member':
      return memberReader(expr.path);
    case 'call': {
      const spec = FUNCTIONS[expr.name.toLowerCase()];
      if (!spec) throw errorAt('OData $filter', source, positionOf(expr), `unsupported function '${expr.name}' (supported: ${ODATA_FUNCTIONS.join(', ')})`);
      const [min, max] = spec.arity;
      if (expr.args.length < min || expr.args.length > max) {
        throw errorAt('OData $filter', source, positionOf(expr), `${expr.name}() takes ${min === max ? min : `${min} to ${max}`} arguments, got ${expr.args.length}`);
      }
      const args = expr.args.map((a) => compileValue(a, source));
      return (rec) => spec.fn(args.map((a) => a(rec)));
    }
    case 'not': {
      const inner = compileValue(expr.expr, source);
      return (rec) => inner(rec) !== true;
    }
    case 'binary': {
      const l = compileValue(expr.left, source);
      const r = compileValue(expr.right, source);
      switch (expr.op) {
        case 'and': return (rec) => l(rec) === true && r(rec) === true;
        case 'or': return (rec) => l(rec) === true || r(rec) === true;
        case 'eq': return (rec) => compare(l(rec), r(rec)) === 0;
        case 'ne': return (rec) => compare(l(rec), r(rec)) !== 0;
        case 'gt': return (rec) => (compare(l(rec), r(rec)) ?? 0) > 0;
        case 'ge': return (rec) => { const c = compare(l(rec), r(rec)); return c !== undefined && c >= 0; };
        case 'lt': return (rec) => (compare(l(rec), r(rec)) ?? 0) < 0;
        case 'le': return (rec) => { const c = compare(l(rec), r(rec)); return c !== undefined && c <= 0; };
      }
    }
  }
}

/** A predicate for an OData $filter AST: the record matches when the expression is true. */
export function compileODataFilter(expr: ODataExpr, source: string): (rec: Rec) => boolean {
  const value = compileValue(expr, source);
  return (rec) => value(rec) === true;
}

/** Sort-key extractors for an $orderby list (strings ignore case, dates sort as strings of ISO-8601). */
export function compileODataOrderBy(items: ODataOrderItem[]): { keys: ((rec: Rec) => SortKey)[]; descending: boolean[] } {
  return {
    keys: items.map((item) => {
      const read = memberReader(item.path);
      return (rec: Rec): SortKey => {
        const v = read(rec);
        if (v === undefined || v === null) return undefined;
        if (typeof v === 'number') return v;
        if (typeof v === 'boolean') return v ? 1 : 0;
        return String(v).toLowerCase();
      };
    }),
    descending: items.map((item) => item.direction === 'desc'),
  };
}
