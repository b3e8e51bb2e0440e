// Parsing entry points: run the generated Peggy parsers, turn their errors into
// QueryErrors, and cache parsed ASTs by query text (bounded LRU).
import * as odataParser from '../../generated/parsers/odata.js';
import * as tqlParser from '../../generated/parsers/tql.js';
import { fromSyntaxError, QueryError, type QueryLanguage } from './errors.ts';
import { Lru } from './lru.ts';
import type { ODataExpr, ODataOrderItem } from './odata/ast.ts';
import type { TqlQuery } from './tql/ast.ts';

export const PARSE_CACHE_SIZE = 1000;
export const MAX_QUERY_LENGTH = 100_000;

const tqlCache = new Lru<string, TqlQuery>(PARSE_CACHE_SIZE);
const filterCache = new Lru<string, ODataExpr>(PARSE_CACHE_SIZE);
const orderCache = new Lru<string, ODataOrderItem[]>(PARSE_CACHE_SIZE);

function guarded<T>(language: QueryLanguage, text: unknown, parse: (text: string) => T): T {
  if (typeof text !== 'string') throw new QueryError(`Invalid ${language}: the query must be a string`);
  if (text.length > MAX_QUERY_LENGTH) throw new QueryError(`Invalid ${language}: the query is longer than ${MAX_QUERY_LENGTH} characters`);
  try {
    return parse(text);
  } catch (err) {
    if (err instanceof QueryError) throw err;
    // A stack overflow on absurdly deep nesting is still the user's input: report it as such.
    if (err instanceof RangeError) throw new QueryError(`Invalid ${language}: the query is nested too deeply`);
    throw fromSyntaxError(language, text, err);
  }
}

/** Deepest nesting of objects in an AST, measured without recursion. */
function depthOf(root: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) max = depth;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}

/** Evaluation recurses over the AST, so absurd nesting is refused up front. */
export const MAX_AST_DEPTH = 400;

function checkDepth<T>(language: QueryLanguage, ast: T): T {
  if (depthOf(ast) > MAX_AST_DEPTH) throw new QueryError(`Invalid ${language}: the query is nested too deeply`);
  return ast;
}

function cached<T>(cache: Lru<string, T>, text: string, parse: () => T): T {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const value = parse();
  cache.set(text, value);
  return value;
}

/** Parse TQL text (cached). Throws QueryError. */
export function parseTql(text: string): TqlQuery {
  return guarded('TQL', text, (t) => cached(tqlCache, t, () => checkDepth('TQL', tqlParser.parse(t, { startRule: 'Query' }) as TqlQuery)));
}

/** Parse an OData $filter (cached). Throws QueryError. */
export function parseODataFilter(text: string): ODataExpr {
  return guarded('OData $filter', text, (t) => cached(filterCache, t, () => checkDepth('OData $filter', odataParser.parse(t, { startRule: 'Filter' }) as ODataExpr)));
}

/** Parse an OData $orderby (cached). Throws QueryError. */
export function parseODataOrderBy(text: string): ODataOrderItem[] {
  return guarded('OData $orderby', text, (t) => cached(orderCache, t, () => odataParser.parse(t, { startRule: 'OrderBy' }) as ODataOrderItem[]));
}

/** Parse without the cache (benchmarks, property tests). */
export function parseTqlUncached(text: string): TqlQuery {
  return guarded('TQL', text, (t) => checkDepth('TQL', tqlParser.parse(t, { startRule: 'Query' }) as TqlQuery));
}

export function clearParseCaches(): void {
  tqlCache.clear();
  filterCache.clear();
  orderCache.clear();
}
