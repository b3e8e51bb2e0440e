// Public interface of src/query: TQL and OData over stored records.
import { ENTITY_TYPES } from './tql/entities.ts';
import { Env } from './env.ts';
import { errorAt, positionOf, QueryError } from './errors.ts';
import { compileODataFilter, compileODataOrderBy, type ODataFields } from './odata/compile.ts';
import { parseODataFilter, parseODataOrderBy, parseTql } from './parse.ts';
import { planAggregate } from './tql/aggregate.ts';
import type { TqlFilterQuery, TqlQuery } from './tql/ast.ts';
import { compileFilter, type Pred } from './tql/compile.ts';
import { entityScope, sortKeyOf, type Scope } from './tql/scope.ts';
import type { QueryContext, Rec, Row } from './types.ts';
import { sortByKeys, type SortKey } from './values.ts';

export type { QueryContext, Rec, Row } from './types.ts';
export { QueryError } from './errors.ts';
export type { ODataFields } from './odata/compile.ts';
export type { QueryPosition } from './errors.ts';
export { toExtJsTree, toGridItem } from './tql/formats.ts';
export { validatePaging, type Paging } from './paging.ts';
export { parseTql, parseODataFilter, parseODataOrderBy } from './parse.ts';
export { printTql } from './tql/print.ts';
export { printODataFilter, printODataOrderBy } from './odata/print.ts';
export { ENTITY_TYPES, canonicalEntity, entityGroupKey } from './tql/entities.ts';

/** Entity types /api/search looks through when the caller names none. */
export const SEARCHABLE_ENTITIES: readonly string[] = ENTITY_TYPES;

/** Guarantees the "QueryError or a result" contract: a bug must not surface as a 500 on user input. */
function userFacing<T>(language: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof QueryError) throw err;
    // Should not happen; the wording lets tests tell such bugs from ordinary invalid input.
    throw new QueryError(`Invalid ${language}: the query could not be evaluated (${err instanceof Error ? err.message : String(err)})`);
  }
}

interface EntityPlan {
  entity: string;
  scope: Scope;
  pred: Pred;
}

function planFilter(query: { where: TqlQuery['where'] }, entities: string[], env: Env, tql: string): EntityPlan[] {
  return entities.map((entity) => {
    const scope = entityScope(entity, env, tql);
    return { entity, scope, pred: compileFilter(query.where, scope) };
  });
}

function orderRows(query: TqlFilterQuery, rows: Row[], plans: EntityPlan[], env: Env, tql: string, inOrder?: number): Row[] {
  if (query.orderBy.length === 0) return rows;
  const scopes = new Map(plans.map((p) => [p.entity, p.scope]));
  const keyFns = query.orderBy.map((item) => {
    const perEntity = new Map<string, (rec: Rec) => SortKey>();
    for (const [entity, scope] of scopes) {
      const resolved = scope.resolve(item.field, positionOf(item));
      if (resolved.type === 'field') perEntity.set(entity, (rec) => sortKeyOf(resolved.def, rec, env));
      else if (resolved.type === 'entityType') perEntity.set(entity, () => entity.toLowerCase());
      else throw errorAt('TQL', tql, positionOf(item), `cannot ORDER BY ${item.field}`);
    }
    return (row: Row): SortKey => perEntity.get(row.entity)?.(row.record);
  });
  return sortByKeys(rows, keyFns, query.orderBy.map((o) => o.direction === 'desc'), inOrder);
}

type Evaluated = { kind: 'items'; items: Row[] } | { kind: 'aggregate'; results: Record<string, unknown> };

function evaluate(tql: string, sources: { entity: string; records: Iterable<Rec> }[], ctx: QueryContext, inOrder?: number): Evaluated {
  const query = parseTql(tql);
  const env = new Env(ctx);
  env.zone(); // a timeZone that names no zone is refused whatever the query uses
  const entities = sources.map((s) => s.entity);
  const plans = planFilter(query, entities, env, tql);
  // Aggregates are planned before filtering so that bad fields fail fast.
  const aggregate =
    query.type === 'aggregate'
      ? planAggregate(query.items, { entities, env, source: tql, scopeOf: (e) => plans[entities.indexOf(e)]!.scope })
      : undefined;
  const accumulator = aggregate?.();
  const rows: Row[] = [];
  sources.forEach(({ entity, records }, i) => {
    const { pred } = plans[i]!;
    if (pred.constant === false) return; // e.g. EntityType = Requirement while looking at scripts
    const test = pred.test;
    if (accumulator) {
      for (const record of records) if (test(record)) accumulator.add(entity, record);
    } else {
      for (const record of records) if (test(record)) rows.push({ entity, record });
    }
  });
  if (accumulator) return { kind: 'aggregate', results: accumulator.result() };
  return { kind: 'items', items: orderRows(query as TqlFilterQuery, rows, plans, env, tql, inOrder) };
}

/**
 * How much of a result must be in order: a caller that shows one page passes `inOrder: skip + top`, and
 * the items after those come in no particular order (the count stays right).
 */
export interface OrderOptions {
  inOrder?: number;
}

/** Filter+sort `records` (all of entity type `entity`) with a TQL text; aggregate queries give `results`. */
export function runTql(
  entity: string,
  records: Iterable<Rec>,
  tql: string,
  ctx: QueryContext,
  options: OrderOptions = {},
): { kind: 'items'; items: Rec[] } | { kind: 'aggregate'; results: Record<string, unknown> } {
  return userFacing('TQL', () => {
    const result = evaluate(tql, [{ entity, records }], ctx, options.inOrder);
    return result.kind === 'items' ? { kind: 'items', items: result.items.map((r) => r.record) } : result;
  });
}

/** TQL across every searchable entity type (for /api/search); each item is { entity, record }. */
export function searchTql(
  tql: string,
  ctx: QueryContext,
  entities?: string[],
  options: OrderOptions = {},
): { kind: 'items'; items: { entity: string; record: Rec }[] } | { kind: 'aggregate'; results: Record<string, unknown> } {
  return userFacing('TQL', () => {
    const types = entities ?? [...SEARCHABLE_ENTITIES];
    return evaluate(tql, types.map((entity) => ({ entity, records: ctx.all(entity) })), ctx, options.inOrder);
  });
}

/**
 * Filter and sort records with OData `$filter` and `$orderby` texts (absent or empty: no-op). With the
 * entity's `fields`, property names are checked (an unknown one is an error) and resolved once.
 */
export function runOData(
  records: Iterable<Rec>,
  query: { filter?: string; orderby?: string; fields?: ODataFields } & OrderOptions,
  _ctx: QueryContext,
): Rec[] {
  return userFacing('OData', () => {
    const { fields } = query;
    const filter = query.filter?.trim() ? compileODataFilter(parseODataFilter(query.filter), query.filter, fields) : undefined;
    const order = query.orderby?.trim() ? compileODataOrderBy(parseODataOrderBy(query.orderby), query.orderby, fields) : undefined;
    const out: Rec[] = [];
    for (const rec of records) if (!filter || filter(rec)) out.push(rec);
    return order ? sortByKeys(out, order.keys, order.descending, query.inOrder) : out;
  });
}
