// Aggregate TQL (COUNT, SUM/AVG/MIN/MAX, nested GROUP BY) compiled into a plan:
// fields are resolved once, then the plan folds rows into ET's Results object, e.g.
// {"GroupByProject": {"Online Banking": {"GroupByEntityType": {"requirement": {"COUNT": 3}}}}}.
import type { Env } from './env.ts';
import type { FieldDef } from './fields.ts';
import type { TqlAggItem, TqlGroupBy } from './tql-ast.ts';
import { entityGroupKeyOf, groupKeysOf, type Scope } from './tql-scope.ts';
import { errorAt, positionOf } from './errors.ts';
import type { Row } from './types.ts';
import { toNumber, toTime } from './values.ts';

export type AggregatePlan = (rows: Row[]) => Record<string, unknown>;

/** Rows that have no value for a GROUP BY field are grouped under this key. */
export const NO_VALUE_KEY = 'None';

type ValueOf = (row: Row) => unknown;
type KeysOf = (row: Row) => string[];

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

function canonicalName(field: string, defs: Map<string, FieldDef | 'entityType'>): string {
  for (const def of defs.values()) return def === 'entityType' ? 'EntityType' : def.name;
  return field;
}

function valueReader(field: string, pc: PlanContext, pos: number | undefined): ValueOf {
  const defs = fieldDefs(field, pc, pos);
  return (row) => {
    const def = defs.get(row.entity);
    if (def === undefined) return undefined;
    return def === 'entityType' ? row.entity : def.get(row.record, pc.env);
  };
}

function numericFold(kind: 'sum' | 'avg' | 'min' | 'max', read: ValueOf): (rows: Row[]) => unknown {
  return (rows) => {
    let sum = 0;
    let count = 0;
    let best: { key: number; value: unknown } | undefined;
    for (const row of rows) {
      const raw = read(row);
      const n = toNumber(raw);
      const key = n ?? toTime(raw); // MIN/MAX also work on dates
      if (key === undefined) continue;
      if (n !== undefined) { sum += n; count++; }
      if (!best || (kind === 'min' ? key < best.key : key > best.key)) best = { key, value: raw };
    }
    if (kind === 'sum') return sum;
    if (kind === 'avg') return count === 0 ? null : sum / count;
    return best?.value ?? null;
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
  const keysOf: KeysOf = (row) => {
    const def = defs.get(row.entity);
    if (def === undefined) return [];
    if (def === 'entityType') return [entityGroupKeyOf(row.entity)];
    if (kind === 'month' || kind === 'day') {
      const t = toTime(def.get(row.record, pc.env));
      if (t === undefined) return [];
      const iso = new Date(t).toISOString();
      return [kind === 'month' ? `${iso.slice(0, 7)}-01` : iso.slice(0, 10)];
    }
    return groupKeysOf(def, row.record, pc.env);
  };
  return { name, keysOf, fill };
}

function planItems(items: TqlAggItem[], pc: PlanContext): AggregatePlan {
  const parts: { key: string; run: (rows: Row[]) => unknown }[] = [];
  for (const item of items) {
    switch (item.type) {
      case 'count':
        parts.push({ key: item.alias ?? 'COUNT', run: (rows) => rows.length });
        break;
      case 'group': {
        const { name, keysOf, fill } = groupKeys(item, pc);
        const inner = planItems(item.items, pc);
        parts.push({
          key: item.alias ?? `GroupBy${name}`,
          run: (rows) => {
            const groups = new Map<string, Row[]>(fill.map((k) => [k, []]));
            const none: Row[] = [];
            for (const row of rows) {
              const keys = keysOf(row);
              if (keys.length === 0) none.push(row);
              for (const key of keys) {
                const list = groups.get(key);
                if (list) list.push(row);
                else groups.set(key, [row]);
              }
            }
            const ordered = fill.length > 0 ? [...groups.keys()] : [...groups.keys()].sort(byText);
            const out: Record<string, unknown> = {};
            for (const key of ordered) out[key] = inner(groups.get(key)!);
            if (none.length > 0) out[NO_VALUE_KEY] = inner(none);
            return out;
          },
        });
        break;
      }
      default: {
        const pos = positionOf(item);
        const fold = numericFold(item.type, valueReader(item.field, pc, pos));
        const name = canonicalName(item.field, fieldDefs(item.field, pc, pos));
        parts.push({ key: item.alias ?? `${item.type.toUpperCase()}(${name})`, run: fold });
      }
    }
  }
  return (rows) => {
    const out: Record<string, unknown> = {};
    for (const part of parts) out[part.key] = part.run(rows);
    return out;
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
