// Property tests: the parsers and evaluators never crash on arbitrary or mutated
// input (a result or a QueryError, nothing else), and printing a parsed AST then
// parsing it again gives the same AST, for both languages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseODataFilter,
  parseODataOrderBy,
  parseTql,
  printODataFilter,
  printODataOrderBy,
  printTql,
  QueryError,
  runOData,
  runTql,
  searchTql,
} from '../../src/query/index.ts';
import type { ODataExpr, ODataOrderItem } from '../../src/query/odata/ast.ts';
import type { TqlAggItem, TqlExpr, TqlQuery, TqlValue } from '../../src/query/tql/ast.ts';
import { DATA, makeContext } from './fixture.ts';

const ctx = makeContext();

/** The outcome contract: a value, or a QueryError that is about the input (not an internal failure). */
function outcome(run: () => unknown): 'ok' | 'query-error' {
  try {
    run();
    return 'ok';
  } catch (err) {
    if (!(err instanceof QueryError)) throw err;
    if (/could not be evaluated/.test(err.message)) throw new Error(`internal failure surfaced as: ${err.message}`);
    expect(err.message).toMatch(/^Invalid (TQL|OData \$filter|OData \$orderby)[ :]/);
    return 'query-error';
  }
}

const VALID_TQL = [
  "Status = Approved AND Project = 'Online Banking' ORDER BY Name DESC",
  'Priority IN [High, Medium] OR NOT (AssignedTo = CurrentUser())',
  "Relationships IN { RelatedToEntityType = Requirement AND RelatedToProject = 'Online Banking' }",
  "Id IN Packages('Script Library|Automated Tests')",
  `Name ~ "'valid password'" AND CreatedAt >= 2024-01-05 AND Risk > 2`,
  'GROUP BY Project { GROUP BY EntityType { COUNT, SUM(Number) } } WHERE Type IS NOT EMPTY',
  "GROUP BY Fill(Status) { COUNT } AS 'Statuses', MIN(CreatedAt), MAX(CreatedAt) AS \"last\"",
  'Component NOT IN [API, UI] AND Name DOES NOT CONTAIN "crash"',
];

const VALID_ODATA = [
  "substringof('bank',Name) eq true and not (Number gt 2)",
  "year(CreatedAt) eq 2024 or CreatedAt ge datetime'2024-02-10T00:00:00'",
  "FieldValues/Browser eq 'Chrome' and ProjectId eq guid'6a2f1c3e-0b7d-4c1a-9e55-0d3f9a1b2c01'",
  "tolower(Name) eq 'logout' or length(concat(Name, 'x')) lt 10",
];

const TQL_ALPHABET = [..."abcSNPIDXOR =!<>~'\"\\[](){},|-.0123456789*?\n"];
const tqlish = fc.array(fc.oneof(fc.constantFrom(...TQL_ALPHABET), fc.constantFrom(' AND ', ' OR ', 'NOT ', ' IN ', ' IS ', 'EMPTY', 'ORDER BY ', 'GROUP BY ', 'COUNT', 'Status', 'Name', 'CurrentUser()', 'Relationships', 'WHERE ')), { maxLength: 40 }).map((parts) => parts.join(''));

/** Delete, insert, replace or duplicate a slice of a query. */
const mutated = (seeds: string[], alphabet: string[]) =>
  fc
    .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 5 }), fc.constantFrom(...alphabet), fc.nat({ max: 3 })), { minLength: 1, maxLength: 4 }))
    .map(([seed, edits]) =>
      edits.reduce((text, [at, len, ch, kind]) => {
        const i = text.length === 0 ? 0 : at % (text.length + 1);
        if (kind === 0) return text.slice(0, i) + text.slice(i + len);
        if (kind === 1) return text.slice(0, i) + ch + text.slice(i);
        if (kind === 2) return text.slice(0, i) + ch + text.slice(i + 1);
        return text.slice(0, i) + text.slice(i, i + len) + text.slice(i);
      }, seed),
    );

describe('parsers never crash', () => {
  it('on arbitrary strings (TQL)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
      outcome(() => runTql('Script', DATA.Script!, text, ctx));
    }), { numRuns: 500 });
  });

  it('on TQL-like token soup', () => {
    fc.assert(fc.property(tqlish, (text) => {
      outcome(() => runTql('Script', DATA.Script!, text, ctx));
      outcome(() => searchTql(text, ctx));
    }), { numRuns: 500 });
  });

  it('on mutated valid TQL', () => {
    const kinds = new Set<string>();
    fc.assert(fc.property(mutated(VALID_TQL, TQL_ALPHABET), (text) => {
      kinds.add(outcome(() => runTql('Script', DATA.Script!, text, ctx)));
    }), { numRuns: 800 });
    // The mutations must exercise both outcomes, or the property says little.
    expect([...kinds].sort()).toEqual(['ok', 'query-error']);
  });

  it('on arbitrary and mutated OData', () => {
    const alphabet = [..."abN ()',/-.019eqandornot"];
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), mutated(VALID_ODATA, alphabet)), (text) => {
      outcome(() => runOData(DATA.Script!, { filter: text }, ctx));
      outcome(() => runOData(DATA.Script!, { orderby: text }, ctx));
    }), { numRuns: 800 });
  });

  it('on deeply nested input', () => {
    expect(outcome(() => runTql('Script', DATA.Script!, '('.repeat(5000) + 'Name = x' + ')'.repeat(5000), ctx))).toBeDefined();
    expect(outcome(() => runOData(DATA.Script!, { filter: 'not '.repeat(5000) + 'true' }, ctx))).toBe('query-error');
    expect(outcome(() => runTql('Script', DATA.Script!, 'NOT '.repeat(5000) + 'Name = x', ctx))).toBe('query-error');
    expect(outcome(() => runTql('Script', DATA.Script!, 'NOT '.repeat(50) + 'Name = x', ctx))).toBe('ok');
  });
});

// ---- TQL AST round trip ------------------------------------------------------------

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by', 'asc', 'desc', 'contains', 'contain', 'does', 'where', 'count', 'sum', 'avg', 'min', 'max', 'group', 'fill', 'month', 'day', 'as']);
const identifier = fc
  .tuple(fc.constantFrom(...'abcxyzABCXYZ_'), fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCZ0123456789_'), maxLength: 8 }))
  .map(([a, b]) => a + b)
  .filter((s) => !KEYWORDS.has(s.toLowerCase()));
const field = fc.oneof(fc.constantFrom('Status', 'Name', 'Project', 'CreatedAt', 'EntityType', 'Relationships', 'Text'), identifier);
const number = fc.integer({ min: -1_000_000, max: 1_000_000 }).chain((n) => fc.constantFrom(n, n / 100)).map((n) => (Object.is(n, -0) ? 0 : n));
const anyText = fc.string({ unit: 'binary', maxLength: 12 });

const { value: tqlValue } = fc.letrec<{ value: TqlValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyText.map((value): TqlValue => ({ type: 'string', value })),
    number.map((value): TqlValue => ({ type: 'number', value })),
    fc.record({ type: fc.constant('call' as const), name: identifier, args: fc.array(tie('value'), { maxLength: 3 }) }),
  ),
}));

const { expr: tqlExpr } = fc.letrec<{ expr: TqlExpr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('compare' as const), field, op: fc.constantFrom('=', '!=', '<', '<=', '>', '>=', '~', '!~' as const), value: tqlValue }),
    fc.record({ type: fc.constant('is' as const), field, negated: fc.boolean(), what: fc.constantFrom('EMPTY', 'NULL' as const) }),
    fc.record({
      type: fc.constant('in' as const),
      field,
      negated: fc.boolean(),
      source: fc.oneof(
        fc.record({ type: fc.constant('list' as const), values: fc.array(tqlValue, { minLength: 1, maxLength: 4 }) }),
        fc.record({ type: fc.constant('subselect' as const), query: tie('expr') }),
        fc.record({ type: fc.constant('call' as const), name: identifier, args: fc.array(tqlValue, { maxLength: 2 }) }),
      ),
    }),
    fc.record({ type: fc.constantFrom('and', 'or' as const), left: tie('expr'), right: tie('expr') }),
    fc.record({ type: fc.constant('not' as const), expr: tie('expr') }),
  ),
}));

const alias = fc.option(anyText, { nil: null });
const { item: aggItem } = fc.letrec<{ item: TqlAggItem }>((tie) => ({
  item: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('count' as const), alias }),
    fc.record({ type: fc.constantFrom('sum', 'avg', 'min', 'max' as const), field, alias }),
    fc.record({
      type: fc.constant('group' as const),
      selector: fc.record({ kind: fc.constantFrom('field', 'fill', 'month', 'day' as const), field }),
      alias,
      items: fc.array(tie('item'), { minLength: 1, maxLength: 3 }),
    }),
  ),
}));

const tqlQuery: fc.Arbitrary<TqlQuery> = fc.oneof(
  fc.record({
    type: fc.constant('filter' as const),
    where: fc.option(tqlExpr, { nil: null }),
    orderBy: fc.array(fc.record({ field, direction: fc.constantFrom('asc', 'desc' as const) }), { maxLength: 3 }),
  }),
  fc.record({ type: fc.constant('aggregate' as const), items: fc.array(aggItem, { minLength: 1, maxLength: 3 }), where: fc.option(tqlExpr, { nil: null }) }),
);

// ---- OData AST round trip ------------------------------------------------------------

const ODATA_WORDS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'and', 'or', 'not', 'true', 'false', 'null', 'datetime', 'guid', 'asc', 'desc']);
const odataName = identifier.filter((s) => !ODATA_WORDS.has(s) && !/^(datetime|guid)/.test(s));
const { expr: odataExpr } = fc.letrec<{ expr: ODataExpr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('member' as const), path: fc.array(odataName, { minLength: 1, maxLength: 3 }) }),
    fc.oneof(
      fc.record({ type: fc.constant('literal' as const), kind: fc.constantFrom('string', 'datetime' as const), value: anyText }),
      fc.record({ type: fc.constant('literal' as const), kind: fc.constant('guid' as const), value: fc.uuid() }),
      fc.record({ type: fc.constant('literal' as const), kind: fc.constant('number' as const), value: number }),
      fc.record({ type: fc.constant('literal' as const), kind: fc.constant('boolean' as const), value: fc.boolean() }),
      fc.constant({ type: 'literal' as const, kind: 'null' as const, value: null }),
    ),
    fc.record({ type: fc.constant('call' as const), name: odataName, args: fc.array(tie('expr'), { maxLength: 3 }) }),
    fc.record({ type: fc.constant('binary' as const), op: fc.constantFrom('and', 'or', 'eq', 'ne', 'gt', 'ge', 'lt', 'le' as const), left: tie('expr'), right: tie('expr') }),
    fc.record({ type: fc.constant('not' as const), expr: tie('expr') }),
  ),
}));
const odataOrder: fc.Arbitrary<ODataOrderItem[]> = fc.array(
  fc.record({ path: fc.array(odataName, { minLength: 1, maxLength: 2 }), direction: fc.constantFrom('asc', 'desc' as const) }),
  { minLength: 1, maxLength: 4 },
);

describe('print then parse gives the same AST', () => {
  it('TQL', () => {
    fc.assert(fc.property(tqlQuery, (ast) => {
      expect(parseTql(printTql(ast))).toEqual(ast);
    }), { numRuns: 1000 });
  });

  it('TQL, starting from parsed text', () => {
    for (const text of VALID_TQL) {
      const ast = parseTql(text);
      expect(parseTql(printTql(ast))).toEqual(ast);
    }
  });

  it('OData $filter', () => {
    fc.assert(fc.property(odataExpr, (ast) => {
      expect(parseODataFilter(printODataFilter(ast))).toEqual(ast);
    }), { numRuns: 1000 });
  });

  it('OData $orderby', () => {
    fc.assert(fc.property(odataOrder, (items) => {
      expect(parseODataOrderBy(printODataOrderBy(items))).toEqual(items);
    }), { numRuns: 300 });
  });
});

describe('a page of a sorted result', () => {
  // Records with few distinct values, so that ties (kept in their original order) are common.
  const recordsArb = fc.array(
    fc.record({ Name: fc.option(fc.constantFrom('a', 'B', 'b', 'c', 'D', '10', '9'), { nil: undefined }), Number: fc.integer({ min: -3, max: 3 }) }),
    { maxLength: 120 },
  );
  const orderArb = fc.constantFrom('Name', 'Name desc', 'Number desc, Name', 'Name, Number desc', 'Number');

  it('OData: the first inOrder items are those of the full sort, and nothing is lost', () => {
    fc.assert(
      fc.property(recordsArb, orderArb, fc.nat({ max: 40 }), (raw, orderby, inOrder) => {
        const records = raw.map((r, i) => ({ Id: `r${i}`, ...r }));
        const full = runOData(records, { orderby }, ctx).map((r) => r.Id);
        const page = runOData(records, { orderby, inOrder }, ctx).map((r) => r.Id);
        expect(page.slice(0, inOrder)).toEqual(full.slice(0, inOrder));
        expect([...page].sort()).toEqual([...full].sort());
      }),
    );
  });

  it('TQL: the same for ORDER BY', () => {
    fc.assert(
      fc.property(fc.constantFrom('ORDER BY Name', 'ORDER BY Name DESC, Number', "Name != 'zzz' ORDER BY CreatedAt DESC"), fc.nat({ max: 6 }), (tql, inOrder) => {
        const ids = (out: ReturnType<typeof runTql>) => (out.kind === 'items' ? out.items.map((r) => r.Id) : []);
        const full = ids(runTql('Script', DATA.Script!, tql, ctx));
        const page = ids(runTql('Script', DATA.Script!, tql, ctx, { inOrder }));
        expect(page.slice(0, inOrder)).toEqual(full.slice(0, inOrder));
        expect([...page].sort()).toEqual([...full].sort());
      }),
    );
  });
});
