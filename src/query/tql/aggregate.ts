// Aggregate TQL (COUNT, SUM/AVG/MIN/MAX, nested GROUP BY) compiled into a plan:
// fields are resolved once, then the plan folds rows into ET's Results object, e.g.
// {"GroupByProject": {"Online Banking": {"GroupByEntityType": {"requirement": {"COUNT": 3}}}}}.
import type { Env } from '../env.ts';
import type { FieldDef } from './fields.ts';
import type { TqlAggItem, TqlGroupBy } from './ast.ts';
import { entityGroupKey } from './entities.ts';
import { groupKeysOf, type Scope } from './scope.ts';
import { errorAt, positionOf } from '../errors.ts';
import type { Rec } from '../types.ts';
import { toNumber, toTime } from '../values.ts';

/** Folds rows one at a time (no intermediate group arrays), then gives ET's Results object. */
export interface Accumulator {
  add(entity: string, record: Rec): void;
  result(): Record<string, unknown>;
}

/** A compiled aggregate query: makes a fresh accumulator per evaluation. */
export type AggregatePlan = () => Accumulator;

/** Rows that have no value for a GROUP BY field are grouped under this key. */
export const NO_VALUE_KEY = 'None';

type ValueOf = (entity: string, record: Rec) => unknown;
type KeysOf = (entity: string, record: Rec) => string | string[] | undefined;

interface PlanContext {
  entities: string[];
  scopeOf(entity: string): Scope;
  env: Env;
  source: string;
}

function fieldDefs(field: string, pc: PlanContext, pos: number | undefined): Map<string, FieldDef | 'entityType'> {
  const defs = new Map<string, FieldDef | 'entityType'>();
  for (const entity of pc.entities) {
    const resolved = pc.scopeOf(entity).resolve(field, pos);
    if (resolved.type === 'field') defs.set(entity, resolved.def);
    else if (resolved.type === 'entityType') defs.set(entity, 'entityType');
    else throw errorAt('TQL', pc.source, pos, `${field} cannot be aggregated or grouped`);
  }
  return defs;
}

/** ET's spelling of the field for result keys: a built-in field's name wins over the text as typed. */
function canonicalName(field: string, defs: Map<string, FieldDef | 'entityType'>): string {
  for (const def of defs.values()) {
    if (def === 'entityType') return 'EntityType';
    if (def.kind !== 'custom') return def.name;
  }
  return field;
}

function valueReader(field: string, pc: PlanContext, pos: number | undefined): ValueOf {
  const defs = fieldDefs(field, pc, pos);
  return (entity, record) => {
    const def = defs.get(entity);
    if (def === undefined) return undefined;
    return def === 'entityType' ? entity : def.get(record, pc.env);
  };
}

/** A part of a Results object: accumulates values and reports its own result. */
interface Part {
  add(entity: string, record: Rec): void;
  result(): unknown;
}

function numericPart(kind: 'sum' | 'avg' | 'min' | 'max', read: ValueOf): () => Part {
  return () => {
    let sum = 0;
    let count = 0;
    let bestKey = 0;
    let best: unknown = null;
    let seen = false;
    return {
      add(entity, record) {
        const raw = read(entity, record);
        const n = toNumber(raw);
        const key = n ?? toTime(raw); // MIN/MAX also work on dates
        if (key === undefined) return;
        if (n !== undefined) {
          sum += n;
          count++;
        }
        if (!seen || (kind === 'min' ? key < bestKey : key > bestKey)) {
          seen = true;
          bestKey = key;
          best = raw;
        }
      },
      result() {
        if (kind === 'sum') return sum;
        if (kind === 'avg') return count === 0 ? null : sum / count;
        return best;
      },
    };
  };
}

function groupKeys(group: TqlGroupBy, pc: PlanContext): { name: string; keysOf: KeysOf; fill: string[] } {
  const pos = positionOf(group);
  const defs = fieldDefs(group.selector.field, pc, pos);
  const name = canonicalName(group.selector.field, defs);
  const { kind } = group.selector;
  if (kind === 'month' || kind === 'day') {
    for (const def of defs.values()) {
      if (def === 'entityType' || (def.kind !== 'date' && def.kind !== 'custom')) {
        throw errorAt('TQL', pc.source, pos, `${kind === 'month' ? 'Month' : 'Day'}() needs a date field, not ${name}`);
      }
    }
  }
  const fill: string[] = [];
  if (kind === 'fill') {
    const types = new Set([...defs.values()].flatMap((d) => (d !== 'entityType' && d.picklistType ? [d.picklistType] : [])));
    const picks = [...pc.env.all('Picklist')].filter((p) => types.has(String(p.Type)));
    picks.sort((a, b) => (toNumber(a.SortOrder) ?? 0) - (toNumber(b.SortOrder) ?? 0));
    for (const p of picks) if (!fill.includes(String(p.Text))) fill.push(String(p.Text));
  }
  const refKeys = new Map<string, string>();
  const zone = pc.env.zone();
  const keysOf: KeysOf = (entity, record) => {
    const def = defs.get(entity);
    if (def === undefined) return undefined;
    if (def === 'entityType') return entityGroupKey(entity);
    if (kind === 'month' || kind === 'day') {
      const t = toTime(def.get(record, pc.env));
      if (t === undefined) return undefined;
      const date = zone.dateOf(t); // the calendar day in the caller's time zone
      return kind === 'month' ? `${date.slice(0, 7)}-01` : date;
    }
    if (def.kind === 'ref') {
      // References repeat a lot (a few projects, a few statuses): remember each id's display text.
      const value = def.get(record, pc.env);
      if (typeof value === 'string') {
        let key = refKeys.get(value);
        if (key === undefined) refKeys.set(value, (key = groupKeysOf(def, record, pc.env) as string));
        return key;
      }
    }
    return groupKeysOf(def, record, pc.env);
  };
  return { name, keysOf, fill };
}

function groupPart(group: TqlGroupBy, pc: PlanContext): () => Part {
  const { keysOf, fill } = groupKeys(group, pc);
  const inner = planItems(group.items, pc);
  return () => {
    const groups = new Map<string, Accumulator>(fill.map((k) => [k, inner()]));
    let none: Accumulator | undefined;
    const into = (key: string): Accumulator => {
      let acc = groups.get(key);
      if (!acc) groups.set(key, (acc = inner()));
      return acc;
    };
    return {
      add(entity, record) {
        const keys = keysOf(entity, record);
        if (typeof keys === 'string') into(keys).add(entity, record);
        else if (keys === undefined || keys.length === 0) (none ??= inner()).add(entity, record);
        else for (const key of keys) into(key).add(entity, record);
      },
      result() {
        const ordered = fill.length > 0 ? [...groups.keys()] : [...groups.keys()].sort(byText);
        const out: Record<string, unknown> = {};
        for (const key of ordered) out[key] = groups.get(key)!.result();
        if (none) out[NO_VALUE_KEY] = none.result();
        return out;
      },
    };
  };
}

function planItems(items: TqlAggItem[], pc: PlanContext): AggregatePlan {
  const parts: { key: string; make: () => Part }[] = [];
  for (const item of items) {
    switch (item.type) {
      case 'count':
        parts.push({
          key: item.alias ?? 'COUNT',
          make: () => {
            let n = 0;
            return { add: () => void n++, result: () => n };
          },
        });
        break;
      case 'group': {
        const name = canonicalName(item.selector.field, fieldDefs(item.selector.field, pc, positionOf(item)));
        parts.push({ key: item.alias ?? `GroupBy${name}`, make: groupPart(item, pc) });
        break;
      }
      default: {
        const pos = positionOf(item);
        const name = canonicalName(item.field, fieldDefs(item.field, pc, pos));
        parts.push({ key: item.alias ?? `${item.type.toUpperCase()}(${name})`, make: numericPart(item.type, valueReader(item.field, pc, pos)) });
      }
    }
  }
  return () => {
    const live = parts.map((p) => ({ key: p.key, part: p.make() }));
    return {
      add(entity, record) {
        for (const { part } of live) part.add(entity, record);
      },
      result() {
        const out: Record<string, unknown> = {};
        for (const { key, part } of live) out[key] = part.result();
        return out;
      },
    };
  };
}

const byText = (a: string, b: string): number => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

export function planAggregate(items: TqlAggItem[], pc: PlanContext): AggregatePlan {
  return planItems(items, pc);
}
