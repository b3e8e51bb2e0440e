// Compiles an OData $filter AST into a predicate and an $orderby list into sort keys.
// Property names are matched case-insensitively; string comparison ignores case, as
// ET's database collation does. Given the entity's properties, a name is resolved (or
// refused as unknown) once per query instead of looked up per record.
import { errorAt, positionOf, type QueryLanguage } from '../errors.ts';
import { odataAlias } from './aliases.ts';
import type { ODataExpr, ODataOrderItem } from './ast.ts';
import type { Rec } from '../types.ts';
import { literalTime, toTime, type SortKey } from '../values.ts';

type Eval = (rec: Rec) => unknown;

/** A date-time value, kept apart from plain numbers so that comparisons know to parse strings. */
class DateValue {
  constructor(readonly time: number) {}
}

/** Read `name` from an object, exactly or else case-insensitively. */
function prop(obj: unknown, name: string, lower: string): unknown {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const record = obj as Record<string, unknown>;
  const direct = record[name];
  if (direct !== undefined || name in record) return direct;
  // Other spellings: only keys of the same length can match; for-in avoids an array per record.
  for (const key in record) {
    if (key.length === lower.length && key.toLowerCase() === lower) return record[key];
  }
  return undefined;
}

/** The properties of the entity type a query runs over: lower-case name -> the name as stored. */
export interface ODataFields {
  entity: string;
  byLower: ReadonlyMap<string, string>;
}

/** Where a member name is checked: the entity's properties (if known) and the text for error messages. */
interface Scope {
  language: QueryLanguage;
  source: string;
  fields?: ODataFields;
}

/** The first segment of a member path, spelt as the entity stores it; an unknown name is an error. */
function resolveFirst(node: object, name: string, scope: Scope): string {
  const { fields } = scope;
  if (!fields) return name;
  const lower = name.toLowerCase();
  const known = fields.byLower.get(lower) ?? odataAlias(fields.entity, lower);
  if (known) return known;
  const names = [...fields.byLower.values()].sort().join(', ');
  throw errorAt(scope.language, scope.source, positionOf(node), `${fields.entity} has no property '${name}' (it has: ${names})`);
}

function memberReader(node: object, path: string[], scope: Scope): Eval {
  const lowers = path.map((p) => p.toLowerCase());
  const first = resolveFirst(node, path[0]!, scope);
  if (path.length === 1) {
    // A resolved name reads the property directly: no search for other spellings per record.
    if (scope.fields) return (rec) => rec[first];
    return (rec) => prop(rec, first, lowers[0]!);
  }
  const resolved = [first, ...path.slice(1)];
  return (rec) => resolved.reduce<unknown>((obj, name, i) => prop(obj, name, lowers[i]!), rec);
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

type Fn = (a?: unknown, b?: unknown, c?: unknown) => unknown;
/** Offsets of year, month, day, hour, minute, second in "YYYY-MM-DDTHH:MM:SS...Z". */
const ISO_FIELDS: Record<string, [number, number]> = { year: [0, 4], month: [5, 7], day: [8, 10], hour: [11, 13], minute: [14, 16], second: [17, 19] };

const datePart = (name: string, part: (d: Date) => number): Fn => {
  const [from, to] = ISO_FIELDS[name]!;
  return (v) => {
    // UTC ISO strings (how the store keeps dates) are read by slicing: no Date per record.
    if (typeof v === 'string' && v.length >= 20 && v.charCodeAt(v.length - 1) === 90 && v[4] === '-' && v[10] === 'T') {
      const n = Number(v.slice(from, to));
      if (Number.isInteger(n)) return n;
    }
    const t = asTime(v);
    return t === undefined ? null : part(new Date(t));
  };
};
const FUNCTIONS: Record<string, { arity: [number, number]; fn: Fn }> = {
  substringof: { arity: [2, 2], fn: (needle, hay) => { const n = lowerStr(needle); const h = lowerStr(hay); return n !== null && h !== null && h.includes(n); } },
  startswith: { arity: [2, 2], fn: (s, p) => { const a = lowerStr(s); const b = lowerStr(p); return a !== null && b !== null && a.startsWith(b); } },
  endswith: { arity: [2, 2], fn: (s, p) => { const a = lowerStr(s); const b = lowerStr(p); return a !== null && b !== null && a.endsWith(b); } },
  tolower: { arity: [1, 1], fn: (s) => lowerStr(s) },
  toupper: { arity: [1, 1], fn: (s) => str(s)?.toUpperCase() ?? null },
  length: { arity: [1, 1], fn: (s) => str(s)?.length ?? null },
  trim: { arity: [1, 1], fn: (s) => str(s)?.trim() ?? null },
  indexof: { arity: [2, 2], fn: (s, sub) => { const a = lowerStr(s); const b = lowerStr(sub); return a === null || b === null ? null : a.indexOf(b); } },
  concat: { arity: [2, 2], fn: (a, b) => `${str(a) ?? ''}${str(b) ?? ''}` },
  substring: {
    arity: [2, 3],
    fn: (s, start, len) => {
      const text = str(s);
      if (text === null || typeof start !== 'number') return null;
      return typeof len === 'number' ? text.substr(start, len) : text.slice(start);
    },
  },
  year: { arity: [1, 1], fn: datePart('year', (d) => d.getUTCFullYear()) },
  month: { arity: [1, 1], fn: datePart('month', (d) => d.getUTCMonth() + 1) },
  day: { arity: [1, 1], fn: datePart('day', (d) => d.getUTCDate()) },
  hour: { arity: [1, 1], fn: datePart('hour', (d) => d.getUTCHours()) },
  minute: { arity: [1, 1], fn: datePart('minute', (d) => d.getUTCMinutes()) },
  second: { arity: [1, 1], fn: datePart('second', (d) => d.getUTCSeconds()) },
};

export const ODATA_FUNCTIONS = Object.keys(FUNCTIONS);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * substringof/startswith/endswith against a string literal: one case-insensitive
 * regular expression, instead of lower-casing every record's value.
 */
function literalTextCall(expr: ODataExpr & { type: 'call' }, scope: Scope): Eval | undefined {
  const name = expr.name.toLowerCase();
  const [first, second] = expr.args;
  if (expr.args.length !== 2 || !first || !second) return undefined;
  const isText = (e: ODataExpr): e is ODataExpr & { type: 'literal'; value: string } => e.type === 'literal' && e.kind === 'string';
  let re: RegExp;
  let subject: ODataExpr;
  if (name === 'substringof' && isText(first) && second.type === 'member') {
    re = new RegExp(escapeRegExp(first.value), 'i');
    subject = second;
  } else if ((name === 'startswith' || name === 'endswith') && isText(second) && first.type === 'member') {
    re = new RegExp(name === 'startswith' ? `^${escapeRegExp(second.value)}` : `${escapeRegExp(second.value)}$`, 'i');
    subject = first;
  } else {
    return undefined;
  }
  const read = memberReader(subject, subject.path, scope);
  return (rec) => {
    const v = read(rec);
    return v !== undefined && v !== null && re.test(String(v));
  };
}

const ORDER_TESTS: Record<string, (c: number) => boolean> = {
  eq: (c) => c === 0,
  ne: (c) => c !== 0,
  gt: (c) => c > 0,
  ge: (c) => c >= 0,
  lt: (c) => c < 0,
  le: (c) => c <= 0,
};
const MIRRORED: Record<string, string> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };

/**
 * `member op number` and `member op 'text'` (either way round), the common case:
 * the literal is prepared once and same-typed values skip the generic comparison.
 */
function compareWithLiteral(expr: ODataExpr & { type: 'binary' }, l: Eval, r: Eval): Eval | undefined {
  const mirrored = expr.left.type === 'literal';
  const literal = mirrored ? expr.left : expr.right;
  const op = mirrored ? MIRRORED[expr.op] : expr.op;
  const read = mirrored ? r : l;
  // `x eq true`, `x ne null`: equality with a boolean or null is identity (undefined counts as null).
  if (literal.type === 'literal' && (literal.kind === 'boolean' || literal.kind === 'null') && (op === 'eq' || op === 'ne')) {
    const value = literal.value;
    const eq = value === null ? (rec: Rec) => read(rec) == null : (rec: Rec) => read(rec) === value;
    return op === 'eq' ? eq : (rec) => !eq(rec);
  }
  if (op === undefined || literal.type !== 'literal' || (literal.kind !== 'number' && literal.kind !== 'string')) return undefined;
  const test = ORDER_TESTS[op]!;
  const generic = (v: unknown): boolean => {
    const c = compare(v, literal.value);
    return c === undefined ? op === 'ne' : test(c);
  };
  if (literal.kind === 'number') {
    const n = literal.value;
    return (rec) => {
      const v = read(rec);
      return typeof v === 'number' ? test(v - n) : generic(v);
    };
  }
  const text = literal.value.toLowerCase();
  return (rec) => {
    const v = read(rec);
    if (typeof v !== 'string') return generic(v);
    const s = v.toLowerCase();
    return test(s < text ? -1 : s > text ? 1 : 0);
  };
}

function compileValue(expr: ODataExpr, scope: Scope): Eval {
  const { source } = scope;
  switch (expr.type) {
    case 'literal': {
      if (expr.kind === 'datetime') {
        const t = literalTime(expr.value);
        if (t === undefined) throw errorAt('OData $filter', source, positionOf(expr), `datetime'${expr.value}' is not a valid date-time`);
        const value = new DateValue(t);
        return () => value;
      }
      const value = expr.kind === 'guid' ? expr.value.toLowerCase() : expr.value;
      return () => value;
    }
    case 'member':
      return memberReader(expr, expr.path, scope);
    case 'call': {
      const spec = FUNCTIONS[expr.name.toLowerCase()];
      if (!spec) throw errorAt('OData $filter', source, positionOf(expr), `unsupported function '${expr.name}' (supported: ${ODATA_FUNCTIONS.join(', ')})`);
      const [min, max] = spec.arity;
      if (expr.args.length < min || expr.args.length > max) {
        throw errorAt('OData $filter', source, positionOf(expr), `${expr.name}() takes ${min === max ? min : `${min} to ${max}`} arguments, got ${expr.args.length}`);
      }
      const special = literalTextCall(expr, scope);
      if (special) return special;
      const args = expr.args.map((a) => compileValue(a, scope));
      const [a0, a1, a2] = args;
      // One closure per arity: no argument array is allocated per record.
      if (args.length === 0) return () => spec.fn();
      if (args.length === 1) return (rec) => spec.fn(a0!(rec));
      if (args.length === 2) return (rec) => spec.fn(a0!(rec), a1!(rec));
      return (rec) => spec.fn(a0!(rec), a1!(rec), a2!(rec));
    }
    case 'not': {
      const inner = compileValue(expr.expr, scope);
      return (rec) => inner(rec) !== true;
    }
    case 'binary': {
      const l = compileValue(expr.left, scope);
      const r = compileValue(expr.right, scope);
      const fast = compareWithLiteral(expr, l, r);
      if (fast) return fast;
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
export function compileODataFilter(expr: ODataExpr, source: string, fields?: ODataFields): (rec: Rec) => boolean {
  const value = compileValue(expr, { language: 'OData $filter', source, fields });
  return (rec) => value(rec) === true;
}

/** Sort-key extractors for an $orderby list (strings ignore case, dates sort as strings of ISO-8601). */
export function compileODataOrderBy(
  items: ODataOrderItem[],
  source = '',
  fields?: ODataFields,
): { keys: ((rec: Rec) => SortKey)[]; descending: boolean[] } {
  const scope: Scope = { language: 'OData $orderby', source, fields };
  return {
    keys: items.map((item) => {
      const read = memberReader(item, item.path, scope);
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
