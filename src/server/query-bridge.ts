// Connects collections to src/query (TQL and OData). Loaded once at start-up; until the query module exists
// the collections page without filtering, so the server works while the query helper is still writing it.
import type { Rec, Store } from './store-types.ts';
import { HttpError } from './errors.ts';

export interface QueryContext {
  currentUser?: { Id: string; UserName: string };
  lookup(entity: string, id: string): Rec | undefined;
  all(entity: string): Iterable<Rec>;
}

export type TqlOutcome = { kind: 'items'; items: Rec[] } | { kind: 'aggregate'; results: Record<string, unknown> };
export type SearchOutcome =
  | { kind: 'items'; items: { entity: string; record: Rec }[] }
  | { kind: 'aggregate'; results: Record<string, unknown> };

export interface QueryEngine {
  available: boolean;
  tql(entity: string, records: Rec[], tql: string, ctx: QueryContext): TqlOutcome;
  odata(records: Rec[], opts: { filter?: string; orderby?: string }, ctx: QueryContext): Rec[];
  search(tql: string, ctx: QueryContext, entities?: string[]): SearchOutcome;
  /** format=extjstree for aggregate results. */
  extJsTree(results: Record<string, unknown>): unknown;
}

type QueryModule = {
  runTql: (entity: string, records: Rec[], tql: string, ctx: QueryContext) => TqlOutcome;
  runOData: (records: Rec[], opts: { filter?: string; orderby?: string }, ctx: QueryContext) => Rec[] | { items: Rec[] };
  searchTql: (tql: string, ctx: QueryContext, entities?: string[]) => SearchOutcome;
  toExtJsTree?: (results: Record<string, unknown>) => unknown;
  QueryError: new (...args: any[]) => Error;
};

/** Query errors answer 403 {"Message"}, like ET's other validation failures. */
function guard<T>(mod: QueryModule, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof mod.QueryError) throw new HttpError(403, err.message);
    throw err;
  }
}

export async function loadQueryEngine(): Promise<QueryEngine> {
  let mod: QueryModule | undefined;
  const specifier = '../query/index.ts';
  try {
    mod = (await import(specifier)) as QueryModule;
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw err;
  }
  if (!mod?.runTql) {
    return {
      available: false,
      tql: (_e, records) => ({ kind: 'items', items: records }),
      odata: (records) => records,
      search: () => ({ kind: 'items', items: [] }),
      extJsTree: (results) => results,
    };
  }
  const m = mod;
  return {
    available: true,
    tql: (entity, records, tql, ctx) => guard(m, () => m.runTql(entity, records, tql, ctx)),
    odata: (records, opts, ctx) =>
      guard(m, () => {
        const r = m.runOData(records, opts, ctx);
        return Array.isArray(r) ? r : r.items;
      }),
    search: (tql, ctx, entities) => guard(m, () => m.searchTql(tql, ctx, entities)),
    extJsTree: (results) => (m.toExtJsTree ? m.toExtJsTree(results) : results),
  };
}

export function queryContext(store: Store, user: Rec | undefined): QueryContext {
  return {
    currentUser: user ? { Id: user.Id, UserName: String(user.UserName ?? '') } : undefined,
    lookup: (entity, id) => store.collection(entity).get(id),
    all: (entity) => store.collection(entity).values(),
  };
}
