// Aggregate TQL (COUNT, SUM/AVG/MIN/MAX, GROUP BY with Fill/Month/Day, aliases,
// nesting) and the extjstree / grid formats, with ET's exact Results shapes.
import { describe, expect, it } from 'vitest';
import { runTql, searchTql, toExtJsTree, toGridItem } from '../../src/query/index.ts';
import { DATA, makeContext } from './fixture.ts';

const ctx = makeContext();

function aggregate(entity: string | null, tql: string): Record<string, unknown> {
  const result = entity === null ? searchTql(tql, ctx) : runTql(entity, DATA[entity]!, tql, ctx);
  if (result.kind !== 'aggregate') throw new Error('expected an aggregate');
  return result.results;
}

const CASES: [string | null, string, Record<string, unknown>][] = [
  ['Script', 'COUNT', { COUNT: 5 }],
  ['Script', 'count WHERE Name ~ password', { COUNT: 2 }],
  ['Script', 'Count as "Total"', { Total: 5 }],
  ['Script', "COUNT WHERE Project = 'Nowhere'", { COUNT: 0 }],
  [
    'Script',
    "SUM(Number), AVG(Risk), MIN(CreatedAt), MAX(CreatedAt) AS 'last'",
    { 'SUM(Number)': 11, 'AVG(Risk)': 3, 'MIN(CreatedAt)': '2024-01-05T10:00:00Z', last: '2024-03-15T23:59:59Z' },
  ],
  ['Script', "MIN(Risk), MAX(Risk) WHERE Project = 'Online Banking'", { 'MIN(Risk)': 1, 'MAX(Risk)': 5 }],
  ['Script', 'AVG(Risk) WHERE Risk IS EMPTY', { 'AVG(Risk)': null }],
  ['Script', 'GROUP BY Status { COUNT }', { GroupByStatus: { Approved: { COUNT: 2 }, Draft: { COUNT: 2 }, None: { COUNT: 1 } } }],
  [
    'Script',
    "GROUP BY Fill(Status) { COUNT } AS 'Statuses' WHERE Project = 'Online Banking'",
    { Statuses: { Draft: { COUNT: 1 }, Approved: { COUNT: 2 }, Retired: { COUNT: 0 }, None: { COUNT: 1 } } },
  ],
  [
    'Script',
    'GROUP BY Month(CreatedAt) { COUNT }',
    { GroupByCreatedAt: { '2024-01-01': { COUNT: 2 }, '2024-02-01': { COUNT: 1 }, '2024-03-01': { COUNT: 2 } } },
  ],
  ['Script', 'GROUP BY Day(CreatedAt) { COUNT } WHERE Number = 1', { GroupByCreatedAt: { '2024-01-05': { COUNT: 1 }, '2024-03-01': { COUNT: 1 } } }],
  ['Script', 'GROUP BY AssignedTo { COUNT } AS "People"', { People: { janed: { COUNT: 1 }, joeb: { COUNT: 2 }, None: { COUNT: 2 } } }],
  [
    'Script',
    'GROUP BY Project AS "P" { GROUP BY Priority { COUNT } }',
    { P: { 'Mobile App': { GroupByPriority: { High: { COUNT: 1 } } }, 'Online Banking': { GroupByPriority: { High: { COUNT: 1 }, Low: { COUNT: 2 }, Medium: { COUNT: 1 } } } } },
  ],
  ['Script', 'GROUP BY Browser { COUNT, SUM(Risk) }', {
    GroupByBrowser: {
      Chrome: { COUNT: 1, 'SUM(Risk)': 3 },
      Firefox: { COUNT: 1, 'SUM(Risk)': 5 },
      'Safari on iPhone': { COUNT: 1, 'SUM(Risk)': 0 },
      None: { COUNT: 2, 'SUM(Risk)': 1 },
    },
  }],
  ['Incident', 'GROUP BY Component { COUNT }', { GroupByComponent: { API: { COUNT: 1 }, UI: { COUNT: 2 }, None: { COUNT: 1 } } }],
  ['ScriptAssignment', 'GROUP BY Status { COUNT }', { GroupByStatus: { Failed: { COUNT: 1 }, NotRun: { COUNT: 1 }, Passed: { COUNT: 1 } } }],
  ['ScriptRun', 'SUM(ActualDuration), AVG(ActualDuration) WHERE Completed = true', { 'SUM(ActualDuration)': 120, 'AVG(ActualDuration)': 60 }],
  [
    null,
    'GROUP BY Project { GROUP BY EntityType { COUNT } } WHERE EntityType IN [Script, Requirement, Incident]',
    {
      GroupByProject: {
        'Mobile App': { GroupByEntityType: { incident: { COUNT: 1 }, requirement: { COUNT: 1 }, testscript: { COUNT: 1 } } },
        'Online Banking': { GroupByEntityType: { incident: { COUNT: 2 }, requirement: { COUNT: 2 }, testscript: { COUNT: 4 } } },
      },
    },
  ],
  [
    null,
    "GROUP BY EntityType { COUNT, SUM(Number) } WHERE Project = 'Mobile App' AND EntityType IN [Script, Incident]",
    { GroupByEntityType: { incident: { COUNT: 1, 'SUM(Number)': 1 }, testscript: { COUNT: 1, 'SUM(Number)': 1 } } },
  ],
  [
    null,
    'GROUP BY EntityType { COUNT } WHERE EntityType IN [ScriptAssignment, AgileRun, AutomatedTest, AutomatedTestAssignment]',
    { GroupByEntityType: { agilerun: { COUNT: 1 }, automatedtest: { COUNT: 1 }, automatedtestassignment: { COUNT: 1 }, testscriptassignment: { COUNT: 3 } } },
  ],
  [null, 'COUNT WHERE AssignedTo = CurrentUser()', { COUNT: 5 }],
  [
    null,
    "GROUP BY summary { COUNT } WHERE EntityType IN [Script, Incident] AND Project = 'Mobile App'",
    { GroupBySummary: { 'Crash on logout': { COUNT: 1 }, None: { COUNT: 1 } } },
  ],
  [null, 'GROUP BY Status { Count } as "Statuses" WHERE EntityType = Requirement', { Statuses: { Done: { COUNT: 1 }, Open: { COUNT: 1 }, None: { COUNT: 1 } } }],
];

describe('TQL aggregates', () => {
  it.each(CASES)('%s: %s', (entity, tql, expected) => {
    const results = aggregate(entity, tql);
    expect(results).toEqual(expected);
    // Key order matters to clients that render the groups as they come.
    expect(JSON.stringify(results)).toBe(JSON.stringify(expected));
  });

  it('a field named like an aggregate is still a filter', () => {
    const data = { ...DATA, Script: [{ Id: 'x', FieldValues: { Count: 3 } }, { Id: 'y', FieldValues: { Count: 4 } }] };
    const result = runTql('Script', data.Script, 'Count = 3', makeContext(data));
    expect(result.kind === 'items' && result.items.map((r) => r.Id)).toEqual(['x']);
  });
});

describe('format=extjstree', () => {
  it('turns groups into folders and values into leaves', () => {
    expect(toExtJsTree(aggregate('Incident', 'GROUP BY Component { COUNT } AS "Components"'))).toEqual({
      text: 'Results',
      expanded: true,
      iconCls: 'summary-results-root',
      children: [
        {
          text: 'Components',
          expanded: true,
          iconCls: 'summary-results-dictionary',
          children: [
            { text: 'API', expanded: true, iconCls: 'summary-results-dictionary', children: [{ text: 'COUNT: 1', iconCls: 'summary-results-value', leaf: true }] },
            { text: 'UI', expanded: true, iconCls: 'summary-results-dictionary', children: [{ text: 'COUNT: 2', iconCls: 'summary-results-value', leaf: true }] },
            { text: 'None', expanded: true, iconCls: 'summary-results-dictionary', children: [{ text: 'COUNT: 1', iconCls: 'summary-results-value', leaf: true }] },
          ],
        },
      ],
    });
  });

  it('shows scalar results as leaves of the root', () => {
    expect(toExtJsTree({ COUNT: 42, 'AVG(Risk)': null })).toEqual({
      text: 'Results',
      expanded: true,
      iconCls: 'summary-results-root',
      children: [
        { text: 'COUNT: 42', iconCls: 'summary-results-value', leaf: true },
        { text: 'AVG(Risk): ', iconCls: 'summary-results-value', leaf: true },
      ],
    });
  });
});

describe('format=grid', () => {
  it('adds EntityType and an EditLink relative to ET root', () => {
    const item = toGridItem('Script', DATA.Script![0]!);
    expect(item.EntityType).toBe('Script');
    expect(item.EditLink).toBe('/#/script/s1');
    expect(item.Name).toBe('Login with valid password');
    expect(toGridItem('ScriptAssignment', DATA.ScriptAssignment![1]!).EditLink).toBe('/#/scriptassignment/sa2');
  });
});
