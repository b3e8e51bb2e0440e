// Invalid queries: every failure is a QueryError whose message names the position
// (line/column) and what was expected or what is wrong.
import { describe, expect, it } from 'vitest';
import { QueryError, runOData, runTql, searchTql } from '../../src/query/index.ts';
import { DATA, makeContext } from './fixture.ts';

const ctx = makeContext();

function tqlError(tql: string, entity = 'Script'): QueryError {
  try {
    runTql(entity, DATA[entity]!, tql, ctx);
  } catch (err) {
    if (err instanceof QueryError) return err;
    throw err;
  }
  throw new Error(`no error for ${tql}`);
}

function odataError(query: { filter?: string; orderby?: string }): QueryError {
  try {
    runOData(DATA.Script!, query, ctx);
  } catch (err) {
    if (err instanceof QueryError) return err;
    throw err;
  }
  throw new Error(`no error for ${JSON.stringify(query)}`);
}

// [query, exact message, offset]
const TQL_SYNTAX: [string, string, number][] = [
  ["GROUP BY Month(CreatedAt, Format('MMM yyyy')) { COUNT }", "Invalid TQL at column 27: Format() inside Month() is not supported by the fake; group by Month(field) alone", 26],
  ['GROUP BY Day(CreatedAt,Range(1,2)) { COUNT }', 'Invalid TQL at column 24: Range() inside Day() is not supported by the fake; group by Day(field) alone', 23],
  ['GROUP BY Fill(Status, Priority) { COUNT }', 'Invalid TQL at column 23: Fill() takes one field', 22],
  ['Status = ', "Invalid TQL at column 10: expected a value after '=', found end of query", 9],
  ['Status = Open AND', "Invalid TQL at column 18: expected '(', NOT or a field name after 'AND', found end of query", 17],
  ["Status = 'Open", 'Invalid TQL at column 10: the quoted string that starts here is never closed', 9],
  ['Name ~ "abc', 'Invalid TQL at column 8: the quoted string that starts here is never closed', 7],
  ['(Status = Open', "Invalid TQL at column 15: expected ')', AND or OR after 'Open', found end of query", 14],
  ['Status IN [Open, ]', "Invalid TQL at column 18: expected a value after ',', found ']'", 17],
  ['Status ! Open', "Invalid TQL at column 8: expected IN, IS, NOT or an operator after 'Status', found '!'", 7],
  ['Status = Open ORDER Name', "Invalid TQL at column 21: expected BY after 'ORDER', found 'Name'", 20],
  ['Status = Open Priority = High', "Invalid TQL at column 15: expected AND, OR or ORDER after 'Open', found 'Priority' (AND or OR missing between two conditions?)", 14],
  // Habits from JQL, SQL and C get a hint.
  ['Project = Online Banking', "Invalid TQL at column 18: expected AND, OR or ORDER after 'Online', found 'Banking' (a value of several words needs quotes: 'Online Banking')", 17],
  ['COUNT WHERE EntityType = Incident ORDER BY Name', 'Invalid TQL at column 35: an aggregate query (COUNT, SUM, AVG, MIN, MAX, GROUP BY) takes no ORDER BY', 34],
  ['GROUP BY Status { COUNT } ORDER BY Name', 'Invalid TQL at column 27: an aggregate query (COUNT, SUM, AVG, MIN, MAX, GROUP BY) takes no ORDER BY', 26],
  ['Name ~ x ORDER BY Name ORDER BY Id', "Invalid TQL at column 24: expected ',', ASC or DESC after 'Name', found 'ORDER'", 23],
  ['Status in (Open, Closed)', "Invalid TQL at column 11: expected '[', '{' or a value after 'in', found '(' (TQL lists are in square brackets: IN [Open, Closed])", 10],
  ['Status == Open', "Invalid TQL at column 9: expected a value after '=', found '=' (TQL compares with a single =)", 8],
  ["Name like 'x'", "Invalid TQL at column 6: expected IN, IS, NOT or an operator after 'Name', found 'like' (TQL matches text with ~ or CONTAINS)", 5],
  ['Status IN Open', "Invalid TQL at column 11: expected '[', '{' or a value after 'IN', found 'Open'", 10],
  ['ORDER BY', "Invalid TQL at column 9: expected a field name after 'BY', found end of query", 8],
  ['ORDER BY Name, ', "Invalid TQL at column 16: expected a field name after ',', found end of query", 15],
  ['Status IS NOT', "Invalid TQL at column 14: expected EMPTY or NULL after 'NOT', found end of query", 13],
  ['Status = AND', "Invalid TQL at column 10: expected a value after '=', found 'AND'", 9],
  ['Status = Open )', "Invalid TQL at column 15: expected AND, OR or ORDER after 'Open', found ')'", 14],
  ['COUNT WHERE', "Invalid TQL at column 12: expected '(', NOT or a field name after 'WHERE', found end of query", 11],
  ['GROUP BY Status { }', "Invalid TQL at column 19: expected an aggregate (COUNT, SUM, AVG, MIN, MAX, GROUP BY) after '{', found '}'", 18],
  ['= 5', "Invalid TQL at column 1: expected '(', NOT, ORDER, a field name or an aggregate (COUNT, SUM, AVG, MIN, MAX, GROUP BY), found '='", 0],
  ['Status = Open\nAND Priority = ', "Invalid TQL at line 2, column 16: expected a value after '=', found end of query", 29],
];

// [query, exact message]
const TQL_SEMANTIC: [string, string][] = [
  ['Foo = 1', "Invalid TQL at column 1: unknown field 'Foo'"],
  ['Status = Open AND Bogus ~ x', "Invalid TQL at column 19: unknown field 'Bogus'"],
  ['AssignedTo = Nobody()', "Invalid TQL at column 1: unsupported function 'Nobody()'"],
  ['Status > Draft', 'Invalid TQL at column 1: the operator > cannot be used on the field Status; use = or != (or IN)'],
  ['Number = abc', "Invalid TQL at column 1: 'abc' is not a number (field Number)"],
  ['CreatedAt > yesterday', "Invalid TQL at column 1: 'yesterday' is not an ISO-8601 date (field CreatedAt)"],
  ['EntityType = Widget', "Invalid TQL at column 1: unknown entity type 'Widget'"],
  ['EntityType ~ Script', 'Invalid TQL at column 1: the operator ~ cannot be used on EntityType; use = or != (or IN)'],
  ['Text = x', 'Invalid TQL at column 1: the Text field only supports ~ and !~ (CONTAINS, DOES NOT CONTAIN)'],
  ['Status IN { Name = x }', 'Invalid TQL at column 1: a sub-select { ... } is only supported on Relationships, not on Status'],
  ['Relationships = x', 'Invalid TQL at column 1: Relationships only supports IN { ... } and NOT IN { ... } with a sub-select'],
  ['RelatedToEntityType = Script', "Invalid TQL at column 1: the field 'RelatedToEntityType' can only be used inside Relationships IN { ... }"],
  ['Relationships IN { Name = x }', "Invalid TQL at column 20: unknown field 'Name' in a Relationships sub-select (use RelatedTo... fields)"],
  ['Relationships IN { RelatedToBogus = x }', "Invalid TQL at column 20: unknown field 'Bogus'"],
  ['GROUP BY Foo { COUNT }', "Invalid TQL at column 1: unknown field 'Foo'"],
  ['COUNT, SUM(Foo)', "Invalid TQL at column 8: unknown field 'Foo'"],
  ['GROUP BY Month(Status) { COUNT }', 'Invalid TQL at column 1: Month() needs a date field, not Status'],
  ['AssignedTo = CurrentUser(1)', 'Invalid TQL at column 1: CurrentUser() takes 0 arguments, got 1'],
  ["Id IN Packages()", 'Invalid TQL at column 1: Packages() needs at least one package path'],
  ['ORDER BY Text', 'Invalid TQL at column 10: cannot ORDER BY Text'],
  ['Name = x ORDER BY Nope', "Invalid TQL at column 19: unknown field 'Nope'"],
  ['HasAttachments = maybe', "Invalid TQL at column 1: 'maybe' is not true or false (field HasAttachments)"],
  ['Name ~ CurrentUser()', 'Invalid TQL at column 1: ~ needs a text value, not a function call'],
];

describe('TQL syntax errors', () => {
  it.each(TQL_SYNTAX)('%j', (tql, message, offset) => {
    const err = tqlError(tql);
    expect(err.message).toBe(message);
    expect(err.position?.offset).toBe(offset);
  });

  it('gives line and column for multi-line queries', () => {
    expect(tqlError('Status = Open\nAND Priority = ').position).toEqual({ offset: 29, line: 2, column: 16 });
  });
});

describe('TQL semantic errors', () => {
  it.each(TQL_SEMANTIC)('%j', (tql, message) => {
    expect(tqlError(tql).message).toBe(message);
  });

  it('are also raised by searchTql', () => {
    expect(() => searchTql('Bogus = 1', ctx)).toThrow("Invalid TQL at column 1: unknown field 'Bogus'");
  });

  it('accept a field another entity type has, as a field without value', () => {
    const result = runTql('Script', DATA.Script!, 'Summary IS EMPTY', ctx);
    expect(result.kind === 'items' && result.items.length).toBe(5);
  });

  it('reject a non-string query', () => {
    expect(() => runTql('Script', DATA.Script!, 42 as unknown as string, ctx)).toThrow(QueryError);
  });
});

// [query, exact message]
const ODATA: [{ filter?: string; orderby?: string }, string][] = [
  [{ filter: 'Name eq' }, "Invalid OData $filter at column 8: expected '(' or an operand after 'eq', found end of query"],
  [{ filter: "Name eq 'x" }, 'Invalid OData $filter at column 9: the quoted string that starts here is never closed'],
  [{ filter: 'Name eq "Online Banking"' }, "Invalid OData $filter at column 9: OData strings are in single quotes ('text', with '' for a quote inside), not double quotes"],
  [{ filter: "Name eq 'x' && Id eq 1" }, "Invalid OData $filter at column 13: expected and or or after ''x'', found '&' (OData joins conditions with and, or)"],
  [{ filter: "Name eq 'a' and" }, "Invalid OData $filter at column 16: expected '(', an operand or not after 'and', found end of query"],
  [{ filter: "Name eq 'x' and and" }, "Invalid OData $filter at column 17: expected '(', an operand or not after 'and', found 'and'"],
  [{ filter: 'Name = 5' }, "Invalid OData $filter at column 6: expected a comparison operator (eq, ne, gt, ge, lt, le), and or or after 'Name', found '='"],
  [{ filter: '(Name eq 1' }, "Invalid OData $filter at column 11: expected ')', and or or after '1', found end of query"],
  [{ filter: 'foo(Name) eq 1' }, "Invalid OData $filter at column 1: unsupported function 'foo' (supported: substringof, startswith, endswith, tolower, toupper, length, trim, indexof, concat, substring, year, month, day, hour, minute, second)"],
  [{ filter: "Name eq 'x' or substringof('a') eq true" }, 'Invalid OData $filter at column 16: substringof() takes 2 arguments, got 1'],
  [{ filter: "CreatedAt gt datetime'nope'" }, "Invalid OData $filter at column 14: datetime'nope' is not a valid date-time"],
  [{ orderby: 'Name sideways' }, "Invalid OData $orderby at column 6: expected ',' after 'Name', found 'sideways'"],
  [{ orderby: ',Name' }, "Invalid OData $orderby at column 1: expected an $orderby key, found ','"],
];

describe('OData errors', () => {
  it.each(ODATA)('%j', (query, message) => {
    const err = odataError(query);
    expect(err.message).toBe(message);
    expect(err.position?.column).toBe(Number(/column (\d+)/.exec(message)![1]));
  });
});
