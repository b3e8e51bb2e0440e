// Table-driven OData $filter / $orderby tests, plus paging validation.
import { describe, expect, it } from 'vitest';
import { QueryError, runOData, validatePaging, type Rec } from '../../src/query/index.ts';
import { DATA, makeContext, P1, P2 } from './fixture.ts';

const ctx = makeContext();
const run = (entity: string, filter?: string, orderby?: string): string[] =>
  runOData(DATA[entity]!, { ...(filter !== undefined ? { filter } : {}), ...(orderby !== undefined ? { orderby } : {}) }, ctx).map((r) => r.Id);
const sorted = (list: string[]): string[] => [...list].sort();

// [entity, $filter, expected ids in any order]
const FILTERS: [string, string, string[]][] = [
  ['Project', "Name eq 'Online Banking'", [P1]],
  ['Project', "Name eq 'online banking'", [P1]],
  ['Project', "substringof('bank',Name) eq true", [P1]],
  ['Project', "substringof('App', Name)", [P2]],
  ['Project', "substringof('zzz', Name) eq false", [P1, P2]],
  ['Project', "Name ne 'Mobile App'", [P1]],
  ['Project', "Name gt 'N'", [P1]],
  ['Project', "Name lt 'N'", [P2]],
  ['User', "startswith(UserName,'ja')", ['u2']],
  ['User', "endswith(UserName, 'b')", ['u1']],
  ['User', "tolower(FirstName) eq 'joe'", ['u1']],
  ['User', "toupper(LastName) eq 'DOE'", ['u2']],
  ['User', 'length(UserName) eq 5', ['u2', 'u3']],
  ['User', "indexof(UserName, 'e') eq 2", ['u1']],
  ['User', "trim(concat(' ', FirstName)) eq 'Jane'", ['u2']],
  ['User', "concat(FirstName, LastName) eq 'JoeBloggs'", ['u1']],
  ['User', "substring(UserName, 1) eq 'dmin'", ['u3']],
  ['User', "UserName eq 'joeb' or UserName eq 'admin'", ['u1', 'u3']],
  ['Script', 'Number gt 2', ['s3', 's5']],
  ['Script', 'Number ge 2 and Number le 3', ['s2', 's3']],
  ['Script', 'Number lt 2 or Number eq 4', ['s1', 's4', 's5']],
  ['Script', 'not (Number eq 1)', ['s2', 's3', 's5']],
  ['Script', 'not Number eq 1', ['s2', 's3', 's5']],
  ['Script', 'Number ne 1', ['s2', 's3', 's5']],
  ['Script', "CreatedAt gt datetime'2024-02-10T00:00:00'", ['s4', 's5']],
  ['Script', "CreatedAt ge datetime'2024-02-10T00:00:00Z'", ['s3', 's4', 's5']],
  ['Script', "CreatedAt lt datetime'2024-01-20'", ['s1']],
  ['Script', "CreatedAt le datetime'2024-01-20T12:30:00Z'", ['s1', 's2']],
  ['Script', 'year(CreatedAt) eq 2024 and month(CreatedAt) eq 1', ['s1', 's2']],
  ['Script', 'day(CreatedAt) eq 5', ['s1']],
  ['Script', 'hour(CreatedAt) eq 15 and minute(CreatedAt) eq 45', ['s4']],
  ['Script', 'second(CreatedAt) eq 59', ['s5']],
  ['Script', 'AssignedToId eq null', ['s3', 's5']],
  ['Script', 'AssignedToId ne null', ['s1', 's2', 's4']],
  ['Script', 'HasAttachments eq true', ['s1']],
  ['Script', 'HasAttachments', ['s1']],
  ['Script', 'HasAttachments eq false', ['s2', 's3', 's4', 's5']],
  ['Script', "ProjectId eq guid'6A2F1C3E-0B7D-4C1A-9E55-0D3F9A1B2C01'", ['s1', 's2', 's3', 's5']],
  ['Script', "ProjectId eq '6a2f1c3e-0b7d-4c1a-9e55-0d3f9a1b2c01'", ['s1', 's2', 's3', 's5']],
  ['Script', "FieldValues/Browser eq 'Chrome'", ['s1']],
  ['Script', 'fieldvalues/risk ge 3', ['s1', 's2']],
  ['Script', "name eq 'Logout'", ['s4']],
  ['Script', 'EstimatedDuration gt 5.5', ['s1', 's2']],
  ['Script', 'EstimatedDuration le 10.0M', ['s1', 's3']],
  ['Script', "substring(Name, 0, 6) eq 'Logout'", ['s4']],
  ['Script', "(Number eq 1 or Number eq 2) and ProjectId eq 'p2'", ['s4']],
  ['Script', 'Number eq -1', []],
  ['Script', "NoSuchField eq 'x'", []],
  ['Script', 'NoSuchField eq null', ['s1', 's2', 's3', 's4', 's5']],
  ['Script', "Description eq null or substringof('logout', Description)", ['s4', 's5']],
  ['Picklist', "Type eq 'Priorities' and SortOrder eq 1", ['pr-high-1', 'pr-high-2']],
  ['Picklist', "Type eq 'Statuses' and ProjectId eq 'p2'", ['st-draft-2']],
];

// [entity, $filter or '', $orderby, expected ids in this exact order]
const ORDERED: [string, string, string, string[]][] = [
  ['Project', '', 'Name', [P2, P1]],
  ['Project', "substringof('a', Name)", 'Name desc', [P1, P2]],
  ['Script', '', 'ProjectId, Number desc', ['s5', 's3', 's2', 's1', 's4']],
  ['Script', '', 'CreatedAt desc', ['s5', 's4', 's3', 's2', 's1']],
  ['Script', '', 'fieldvalues/risk asc', ['s4', 's5', 's3', 's1', 's2']],
  ['Script', 'Number le 2', 'Name', ['s2', 's1', 's4']],
  ['User', '', 'LastName asc, FirstName', ['u1', 'u2', 'u3']],
  ['User', '', 'UserName desc', ['u1', 'u2', 'u3']],
  ['Script', '', '', ['s1', 's2', 's3', 's4', 's5']],
];

describe('OData $filter', () => {
  it.each(FILTERS)('%s: %s', (entity, filter, expected) => {
    expect(sorted(run(entity, filter))).toEqual(sorted(expected));
  });

  it("unescapes '' in string literals", () => {
    const people: Rec[] = [{ Id: 'x', Name: "O'Brien" }, { Id: 'y', Name: 'OBrien' }];
    expect(runOData(people, { filter: "Name eq 'O''Brien'" }, ctx).map((r) => r.Id)).toEqual(['x']);
  });
});

describe('OData $orderby', () => {
  it.each(ORDERED)('%s: %s / %s', (entity, filter, orderby, expected) => {
    expect(run(entity, filter === '' ? undefined : filter, orderby)).toEqual(expected);
  });
});

describe('OData property names checked against the entity', () => {
  const fieldsOf = (entity: string, names: string[]) => ({ entity, byLower: new Map(names.map((n) => [n.toLowerCase(), n])) });
  const users = fieldsOf('User', ['Id', 'UserName', 'FirstName', 'LastName']);
  const runUsers = (q: { filter?: string; orderby?: string }) => runOData(DATA.User!, { ...q, fields: users }, ctx).map((r) => r.Id);

  it('resolves a name in any case to the stored spelling', () => {
    expect(runUsers({ filter: "username eq 'joeb'" })).toEqual(['u1']);
    expect(runUsers({ filter: "startswith(USERNAME, 'ja')", orderby: 'lastname desc' })).toEqual(['u2']);
  });

  it("reads ET's documented users filter on Name as the user name", () => {
    expect(runUsers({ filter: "Name eq 'admin'" })).toEqual(['u3']);
  });

  it.each([
    ["Nmae eq 'x'", 'OData $filter at column 1:', "User has no property 'Nmae'"],
    ["UserName eq 'a' or substringof('x', Emial)", 'column 37:', "no property 'Emial'"],
    ["not (length(Surname) gt 3)", 'column 13:', "no property 'Surname'"],
  ])('refuses the unknown property in %s, naming where and what exists', (filter, where, what) => {
    const err = (() => { try { runUsers({ filter }); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(QueryError);
    expect((err as QueryError).message).toContain(where);
    expect((err as QueryError).message).toContain(what);
    expect((err as QueryError).message).toContain('FirstName, Id, LastName, UserName');
  });

  it('refuses an unknown $orderby key at its position', () => {
    expect(() => runUsers({ orderby: 'LastName, Age desc' })).toThrow(/OData \$orderby at column 11.*no property 'Age'/);
  });

  it('keeps the nested part of a path as the record has it', () => {
    const fields = fieldsOf('Script', ['Id', 'FieldValues']);
    expect(runOData(DATA.Script!, { filter: 'fieldvalues/risk ge 4', fields }, ctx).length).toBeGreaterThan(0);
  });
});

describe('paging parameters', () => {
  it('parses $top, $skip and $inlinecount', () => {
    expect(validatePaging({ $top: '5', $skip: '10', $inlinecount: 'allpages' })).toEqual({ top: 5, skip: 10, inlineCount: true });
    expect(validatePaging({ $inlinecount: 'none' })).toEqual({ skip: 0, inlineCount: false });
    expect(validatePaging({})).toEqual({ skip: 0, inlineCount: false });
  });
  it.each([
    [{ $top: '-1' }, /\$top/],
    [{ $top: '2.5' }, /\$top/],
    [{ $skip: 'x' }, /\$skip/],
    [{ $skip: '99999999999999999999' }, /too large/],
    [{ $inlinecount: 'some' }, /allpages or none/],
  ])('rejects %o', (query, message) => {
    expect(() => validatePaging(query)).toThrow(QueryError);
    expect(() => validatePaging(query)).toThrow(message);
  });
});
