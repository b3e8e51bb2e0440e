// Compiles a TQL filter AST into a predicate over records of one scope. Query values
// are resolved once here (project names to ids, users, package paths), so the
// returned closure does only constant-time work per record.
import { errorAt } from '../errors.ts';
import type { FieldDef } from './fields.ts';
import { compileTextMatch } from './text-match.ts';
import type { TqlCall, TqlExpr, TqlIn, TqlTerminal, TqlValue } from './ast.ts';
import { positionOf } from './ast.ts';
import { entityTypeValue, relationshipScope, textOf, type Scope } from './scope.ts';
import type { Rec } from '../types.ts';
import { dateRange, isEmptyValue, toNumber, toTime } from '../values.ts';

/** A predicate, with `constant` set when its answer does not depend on the record. */
export interface Pred {
  test: (rec: Rec) => boolean;
  constant?: boolean;
}

const TRUE: Pred = { test: () => true, constant: true };
const FALSE: Pred = { test: () => false, constant: false };
const constant = (value: boolean): Pred => (value ? TRUE : FALSE);
const isConst = (p: Pred): p is Pred & { constant: boolean } => p.constant !== undefined;

export function compileFilter(expr: TqlExpr | null, scope: Scope): Pred {
  return expr === null ? TRUE : compileExpr(expr, scope);
}

function compileExpr(expr: TqlExpr, scope: Scope): Pred {
  switch (expr.type) {
    case 'and': {
      const l = compileExpr(expr.left, scope);
      const r = compileExpr(expr.right, scope);
      if (isConst(l)) return l.constant ? r : FALSE;
      if (isConst(r)) return r.constant ? l : FALSE;
      return { test: (rec) => l.test(rec) && r.test(rec) };
    }
    case 'or': {
      const l = compileExpr(expr.left, scope);
      const r = compileExpr(expr.right, scope);
      if (isConst(l)) return l.constant ? TRUE : r;
      if (isConst(r)) return r.constant ? TRUE : l;
      return { test: (rec) => l.test(rec) || r.test(rec) };
    }
    case 'not': {
      const inner = compileExpr(expr.expr, scope);
      if (isConst(inner)) return constant(!inner.constant);
      return { test: (rec) => !inner.test(rec) };
    }
    default:
      return compileTerminal(expr, scope);
  }
}

function compileTerminal(t: TqlTerminal, scope: Scope): Pred {
  const pos = positionOf(t);
  const resolved = scope.resolve(t.field, pos);
  switch (resolved.type) {
    case 'entityType':
      return entityTypeTerminal(t, resolved.entity, scope);
    case 'relationships':
      return relationshipsTerminal(t, scope);
    case 'text':
      return textTerminal(t, scope);
    case 'field':
      return fieldTerminal(t, resolved.def, scope);
  }
}

// ---- values -------------------------------------------------------------------------------

type Operand = string | number;

/** Resolve a query value (literal or function call) into plain operands. */
function operands(value: TqlValue, scope: Scope, pos: number | undefined): Operand[] {
  if (value.type === 'string' || value.type === 'number') return [value.value];
  return callOperands(value, scope, pos);
}

function expectArgs(call: TqlCall, count: number, scope: Scope, pos: number | undefined): void {
  if (call.args.length !== count) {
    throw errorAt('TQL', scope.source, pos, `${call.name}() takes ${count} argument${count === 1 ? '' : 's'}, got ${call.args.length}`);
  }
}

function callOperands(call: TqlCall, scope: Scope, pos: number | undefined): Operand[] {
  const { env } = scope;
  switch (call.name.toLowerCase()) {
    case 'currentuser':
    case 'me':
      expectArgs(call, 0, scope, pos);
      return env.ctx.currentUser ? [env.ctx.currentUser.Id.toLowerCase()] : [];
    case 'projectmanager': {
      expectArgs(call, 1, scope, pos);
      const out: Operand[] = [];
      for (const name of operands(call.args[0]!, scope, pos)) {
        const ids = [String(name).toLowerCase(), ...env.idsByProperty('Project', 'Name', String(name))];
        for (const id of ids) {
          const manager = env.lookup('Project', id)?.ManagerId;
          if (typeof manager === 'string') out.push(manager.toLowerCase());
        }
      }
      return out;
    }
    case 'packages': {
      if (call.args.length === 0) throw errorAt('TQL', scope.source, pos, 'Packages() needs at least one package path');
      const out = new Set<string>();
      for (const arg of call.args) {
        for (const path of operands(arg, scope, pos)) {
          for (const id of env.packagesByPath(String(path))) for (const d of env.packageAndDescendants(id)) out.add(d);
        }
      }
      return [...out];
    }
    default:
      throw errorAt('TQL', scope.source, pos, `unsupported function '${call.name}()'`);
  }
}

// ---- matchers on raw field values ---------------------------------------------------------------

type Match = (value: unknown) => boolean;

const anyOf = (match: Match): Match => (value) => (Array.isArray(value) ? value.some(match) : match(value));

/** `field = any of operands`, by the field's kind. */
function equalsMatcher(def: FieldDef, ops: Operand[], scope: Scope, pos: number | undefined): Match {
  switch (def.kind) {
    case 'number': {
      const set = new Set(ops.map((o) => numberOperand(o, def, scope, pos)));
      return anyOf((v) => { const n = toNumber(v); return n !== undefined && set.has(n); });
    }
    case 'date': {
      const ranges = ops.map((o) => dateOperand(o, def, scope, pos));
      return anyOf((v) => { const t = toTime(v); return t !== undefined && ranges.some((r) => t >= r.start && t < r.end); });
    }
    case 'bool': {
      const set = new Set(ops.map((o) => boolOperand(o, def, scope, pos)));
      return anyOf((v) => typeof v === 'boolean' && set.has(v));
    }
    case 'ref': {
      const ids = new Set<string>();
      for (const o of ops) for (const id of def.ref!.resolve(String(o), scope.env)) ids.add(id);
      return anyOf((v) => typeof v === 'string' && ids.has(v));
    }
    case 'custom': {
      const texts = new Set(ops.map((o) => String(o).toLowerCase()));
      const numbers = new Set(ops.map(toNumber).filter((n): n is number => n !== undefined));
      return anyOf((v) => {
        if (v === undefined || v === null) return false;
        if (typeof v === 'number') return numbers.has(v);
        return texts.has(String(v).toLowerCase());
      });
    }
    default: {
      const set = new Set(ops.map((o) => String(o).toLowerCase()));
      return anyOf((v) => v !== undefined && v !== null && set.has(String(v).toLowerCase()));
    }
  }
}

function numberOperand(o: Operand, def: FieldDef, scope: Scope, pos: number | undefined): number {
  const n = toNumber(o);
  if (n === undefined) throw errorAt('TQL', scope.source, pos, `'${o}' is not a number (field ${def.name})`);
  return n;
}

function dateOperand(o: Operand, def: FieldDef, scope: Scope, pos: number | undefined): { start: number; end: number } {
  const range = typeof o === 'string' ? dateRange(o, scope.env.zone()) : undefined;
  if (!range) throw errorAt('TQL', scope.source, pos, `'${o}' is not an ISO-8601 date (field ${def.name})`);
  return range;
}

function boolOperand(o: Operand, def: FieldDef, scope: Scope, pos: number | undefined): boolean {
  const text = String(o).toLowerCase();
  if (text === 'true' || text === 'yes') return true;
  if (text === 'false' || text === 'no') return false;
  throw errorAt('TQL', scope.source, pos, `'${o}' is not true or false (field ${def.name})`);
}

/** `<`, `<=`, `>`, `>=` for numbers, dates, text and custom values. */
function orderMatcher(def: FieldDef, op: string, o: Operand, scope: Scope, pos: number | undefined): Match {
  const cmp = (c: number): boolean => (op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0);
  switch (def.kind) {
    case 'number': {
      const n = numberOperand(o, def, scope, pos);
      return anyOf((v) => { const x = toNumber(v); return x !== undefined && cmp(x - n); });
    }
    case 'date': {
      const { start, end } = dateOperand(o, def, scope, pos);
      // A date names a whole day: "<= day" includes it, "> day" starts after it.
      const bound = op === '<=' || op === '>' ? end : start;
      const strict = op === '<=' ? '<' : op === '>' ? '>=' : op;
      return anyOf((v) => {
        const t = toTime(v);
        if (t === undefined) return false;
        return strict === '<' ? t < bound : strict === '>=' ? t >= bound : strict === '>' ? t > bound : t <= bound;
      });
    }
    case 'string':
    case 'custom': {
      const n = toNumber(o);
      const text = String(o).toLowerCase();
      return anyOf((v) => {
        if (v === undefined || v === null) return false;
        if (typeof v === 'number' && n !== undefined) return cmp(v - n);
        const s = String(v).toLowerCase();
        return cmp(s < text ? -1 : s > text ? 1 : 0);
      });
    }
    default:
      throw errorAt('TQL', scope.source, pos, `the operator ${op} cannot be used on the field ${def.name}; use = or != (or IN)`);
  }
}

// ---- terminals --------------------------------------------------------------------------------

function literalText(value: TqlValue, op: string, scope: Scope, pos: number | undefined): string {
  if (value.type === 'call') throw errorAt('TQL', scope.source, pos, `${op} needs a text value, not a function call`);
  return String(value.value);
}

function fieldTerminal(t: TqlTerminal, def: FieldDef, scope: Scope): Pred {
  const pos = positionOf(t);
  const { env } = scope;
  if (t.type === 'is') {
    const empty = t.negated ? (v: unknown) => !isEmptyValue(v) : isEmptyValue;
    return { test: (rec) => empty(def.get(rec, env)) };
  }
  if (t.type === 'in') return inTerminal(t, def, scope);
  switch (t.op) {
    case '=':
    case '!=': {
      const match = equalsMatcher(def, operands(t.value, scope, pos), scope, pos);
      return t.op === '='
        ? { test: (rec) => match(def.get(rec, env)) }
        : { test: (rec) => !match(def.get(rec, env)) };
    }
    case '~':
    case '!~': {
      const contains = compileTextMatch(literalText(t.value, t.op, scope, pos));
      return t.op === '~'
        ? { test: (rec) => contains(textOf(def, rec, env)) }
        : { test: (rec) => !contains(textOf(def, rec, env)) };
    }
    default: {
      const ops = operands(t.value, scope, pos);
      if (ops.length !== 1) throw errorAt('TQL', scope.source, pos, `${t.op} needs exactly one value`);
      const match = orderMatcher(def, t.op, ops[0]!, scope, pos);
      return { test: (rec) => match(def.get(rec, env)) };
    }
  }
}

function inOperands(t: TqlIn, scope: Scope): Operand[] {
  const pos = positionOf(t);
  const source = t.source;
  if (source.type === 'subselect') {
    throw errorAt('TQL', scope.source, pos, `a sub-select { ... } is only supported on Relationships, not on ${t.field}`);
  }
  if (source.type === 'call') return callOperands(source, scope, pos);
  return source.values.flatMap((v) => operands(v, scope, pos));
}

function inTerminal(t: TqlIn, def: FieldDef, scope: Scope): Pred {
  const match = equalsMatcher(def, inOperands(t, scope), scope, positionOf(t));
  const { env } = scope;
  return t.negated ? { test: (rec) => !match(def.get(rec, env)) } : { test: (rec) => match(def.get(rec, env)) };
}

function entityTypeTerminal(t: TqlTerminal, entity: string, scope: Scope): Pred {
  const pos = positionOf(t);
  if (t.type === 'is') return constant(t.negated);
  let names: Operand[];
  let negated: boolean;
  if (t.type === 'in') {
    names = inOperands(t, scope);
    negated = t.negated;
  } else if (t.op === '=' || t.op === '!=') {
    names = operands(t.value, scope, pos);
    negated = t.op === '!=';
  } else {
    throw errorAt('TQL', scope.source, pos, `the operator ${t.op} cannot be used on EntityType; use = or != (or IN)`);
  }
  const wanted = new Set(names.map((n) => entityTypeValue(String(n), scope, pos)));
  return constant(wanted.has(entity) !== negated);
}

function textTerminal(t: TqlTerminal, scope: Scope): Pred {
  const pos = positionOf(t);
  if (t.type !== 'compare' || (t.op !== '~' && t.op !== '!~')) {
    throw errorAt('TQL', scope.source, pos, 'the Text field only supports ~ and !~ (CONTAINS, DOES NOT CONTAIN)');
  }
  const contains = compileTextMatch(literalText(t.value, t.op, scope, pos));
  return t.op === '~'
    ? { test: (rec) => contains(scope.fullText(rec)) }
    : { test: (rec) => !contains(scope.fullText(rec)) };
}

/**
 * `Relationships [NOT] IN { sub-select }`: the sub-select runs over every relationship
 * seen from both ends (RelatedTo... fields read the far end); a record matches when
 * some relationship of it matches. The matching ids are collected once per call.
 */
function relationshipsTerminal(t: TqlTerminal, scope: Scope): Pred {
  const pos = positionOf(t);
  if (t.type !== 'in' || t.source.type !== 'subselect') {
    throw errorAt('TQL', scope.source, pos, 'Relationships only supports IN { ... } and NOT IN { ... } with a sub-select');
  }
  const query = t.source.query;
  const { env } = scope;
  const perType = new Map<string, Pred>();
  const matching = new Set<string>();
  for (const view of env.relationshipViews()) {
    let pred = perType.get(view.otherEntity);
    if (!pred) {
      pred = compileExpr(query, relationshipScope(view.otherEntity, env, scope.source));
      perType.set(view.otherEntity, pred);
    }
    if (pred.test(view)) matching.add(view.thisId.toLowerCase());
  }
  if (perType.size === 0) compileExpr(query, relationshipScope('Script', env, scope.source)); // still report bad fields
  return t.negated
    ? { test: (rec) => !matching.has(String(rec.Id).toLowerCase()) }
    : { test: (rec) => matching.has(String(rec.Id).toLowerCase()) };
}
