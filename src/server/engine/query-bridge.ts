// Connects the server to src/query (TQL and OData). The module (its parsers are the biggest of the server) is
// imported the first time a request filters, sorts or searches; QueryError becomes ET's 403 {"Message"}.
import type { Rec, Store } from './store-types.ts';
import type { EntityDef } from '../spec/entities.ts';
import { HttpError } from '../http/errors.ts';

type QueryModule = typeof import('../../query/index.ts');
type ODataFields = import('../../query/index.ts').ODataFields;
type OrderOptions = import('../../query/index.ts').OrderOptions;

export interface QueryContext {
  currentUser?: { Id: string; UserName: string };
  lookup(entity: string, id: string): Rec | undefined;
  all(entity: string): Iterable<Rec>;
  /** TQL's timeZone parameter (IANA name, UTC or an offset); UTC when absent. */
  timeZone?: string;
}

/** Properties that only the answer has (hypermedia): never stored, so nothing to filter or sort by. */
const PRESENTED_ONLY = new Set(['self', 'links', 'expands']);
const filterable = new WeakMap<object, ODataFields>();

/**
 * An entity's stored properties (hypermedia and expansions left out); a model that declares none accepts any
 * name (nothing to check against).
 */
export function odataFieldsOf(def: EntityDef): ODataFields | undefined {
  if (!def.fieldByLower.size) return undefined;
  let fields = filterable.get(def);
  if (!fields) {
    const expanded = new Set(def.expands.filter((e) => e.kind !== 'field').map((e) => e.name.toLowerCase()));
    const byLower = new Map([...def.fieldByLower].filter(([lower]) => !PRESENTED_ONLY.has(lower) && !expanded.has(lower)));
    fields = { entity: def.name, byLower };
    filterable.set(def, fields);
  }
  return fields;
}

/** The names documented items show, for collections answered from their example. */
export function odataFieldsOfItems(entity: string, items: Rec[]): ODataFields {
  const byLower = new Map<string, string>();
  for (const item of items) for (const key of Object.keys(item)) byLower.set(key.toLowerCase(), key);
  return { entity, byLower };
}

export type TqlOutcome = { kind: 'items'; items: Rec[] } | { kind: 'aggregate'; results: Record<string, unknown> };
export type SearchOutcome =
  | { kind: 'items'; items: { entity: string; record: Rec }[] }
  | { kind: 'aggregate'; results: Record<string, unknown> };

export interface QueryEngine {
  /** `inOrder`: how many leading items must be sorted (a page); the others follow in no set order. */
  tql(entity: string, records: Iterable<Rec>, tql: string, ctx: QueryContext, options?: OrderOptions): TqlOutcome;
  /** With `fields` (the entity's properties), unknown property names are refused. */
  odata(records: Iterable<Rec>, opts: { filter?: string; orderby?: string; fields?: ODataFields } & OrderOptions, ctx: QueryContext): Rec[];
  search(tql: string, ctx: QueryContext, entities?: string[], options?: OrderOptions): SearchOutcome;
  /** format=extjstree for aggregate results. */
  extJsTree(results: Record<string, unknown>): unknown;
  /** format=grid: the fields a grid shows, with the record's EditLink (relative to ET's root). */
  gridItem(entity: string, record: Rec): Rec & { EntityType: string; EditLink: string };
}

export async function loadQueryEngine(): Promise<QueryEngine> {
  const m: QueryModule = await import('../../query/index.ts');
  const guard = <T>(run: () => T): T => {
    try {
      return run();
    } catch (err) {
      if (err instanceof m.QueryError) throw new HttpError(403, err.message);
      throw err;
    }
  };
  return {
    tql: (entity, records, tql, ctx, options) => guard(() => m.runTql(entity, records, tql, ctx, options)),
    odata: (records, opts, ctx) => guard(() => m.runOData(records, opts, ctx)),
    search: (tql, ctx, entities, options) => guard(() => m.searchTql(tql, ctx, entities, options)),
    extJsTree: (results) => m.toExtJsTree(results),
    gridItem: (entity, record) => m.toGridItem(entity, record),
  };
}

export function queryContext(store: Store, user: Rec | undefined, timeZone?: string | null): QueryContext {
  return {
    currentUser: user ? { Id: user.Id, UserName: String(user.UserName ?? '') } : undefined,
    lookup: (entity, id) => store.collection(entity).get(id),
    all: (entity) => store.collection(entity).values(),
    timeZone: timeZone ?? undefined,
  };
}
