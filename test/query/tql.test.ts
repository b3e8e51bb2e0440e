// Table-driven TQL tests over the fixture: every operator, value form, function,
// field kind, relationship sub-select, ORDER BY and entity type alias.
import { describe, expect, it } from 'vitest';
import { runTql, searchTql } from '../../src/query/index.ts';
import { DATA, makeContext } from './fixture.ts';

const ctx = makeContext();

function ids(entity: string, tql: string): string[] {
  const result = runTql(entity, DATA[entity]!, tql, ctx);
  if (result.kind !== 'items') throw new Error('expected items');
  return result.items.map((r) => r.Id);
}

const sorted = (list: string[]): string[] => [...list].sort();

// [query, expected ids in any order]
const SCRIPT_FILTERS: [string, string[]][] = [
  ['', ['s1', 's2', 's3', 's4', 's5']],
  ['Status = Approved', ['s2', 's3']],
  ['status = approved', ['s2', 's3']],
  ['Status = Draft', ['s1', 's4']],
  ['Status != Draft', ['s2', 's3', 's5']],
  ["Status = 'st-appr-1'", ['s2', 's3']],
  ['Priority = High', ['s1', 's4']],
  ['Priority != Low', ['s1', 's2', 's4']],
  ['Priority IN [High, Medium]', ['s1', 's2', 's4']],
  ['Priority NOT IN [High, Medium]', ['s3', 's5']],
  ['Priority in [ "High" ,\'Medium\' ]', ['s1', 's2', 's4']],
  ['Type = Functional', ['s1', 's3']],
  ['Type IS EMPTY', ['s4', 's5']],
  ['Type IS NOT NULL', ['s1', 's2', 's3']],
  ['Status IS NULL', ['s5']],
  ['Status is not empty', ['s1', 's2', 's3', 's4']],
  ['AssignedTo IS EMPTY', ['s3', 's5']],
  ['AssignedTo = joeb', ['s1', 's4']],
  ["AssignedTo = 'Jane Doe'", ['s2']],
  ['AssignedTo = CurrentUser()', ['s1', 's4']],
  ['CreatedBy != Me()', ['s1', 's3', 's4']],
  ["AssignedTo IN [joeb, ProjectManager('Online Banking')]", ['s1', 's2', 's4']],
  ["AssignedTo = ProjectManager('Mobile App')", ['s1', 's4']],
  ['Assignee = janed', ['s2']],
  ['LastUpdatedBy = janed', ['s2', 's3']],
  ['AssignedTo = u2', ['s2']],
  ["Project = 'Online Banking'", ['s1', 's2', 's3', 's5']],
  ['Project = "Mobile App"', ['s4']],
  ['Project = 6a2f1c3e-0b7d-4c1a-9e55-0d3f9a1b2c01', ['s1', 's2', 's3', 's5']],
  ["Project = '6A2F1C3E-0B7D-4C1A-9E55-0D3F9A1B2C01'", ['s1', 's2', 's3', 's5']],
  ["Project != 'Online Banking'", ['s4']],
  ["Project = 'No Such Project'", []],
  ["Package = 'Script Library'", ['s1', 's4', 's5']],
  ["Package = 'Script Library' AND Project = 'Mobile App'", ['s4']],
  ['Package = sp2', ['s2']],
  ["AllPackages = 'Automated Tests'", ['s2', 's3']],
  ['AllPackages = sp1', ['s1', 's2', 's3', 's5']],
  ["Package IN Packages('Script Library|Automated Tests')", ['s2', 's3']],
  ["Package IN Packages('Script Library')", ['s1', 's2', 's3', 's4', 's5']],
  ["Package NOT IN Packages('Script Library|Automated Tests|Login')", ['s1', 's2', 's4', 's5']],
  ['Name ~ password', ['s1', 's2']],
  ['Name ~ "password transfer"', ['s1', 's2', 's3']],
  [`Name ~ "'valid password'"`, ['s1']],
  ['Name ~ "\\"invalid value\\""', ['s2']],
  [`Name ~ "'password invalid'"`, ['s2']],
  ['Name ~ "log*"', ['s1', 's4']],
  ['Name ~ "te?t"', ['s5']],
  ['Name ~ the', []],
  ['Name ~ PASSWORD', ['s1', 's2']],
  ['Name !~ password', ['s3', 's4', 's5']],
  ['Name CONTAINS logout', ['s4']],
  ['Name contains logout', ['s4']],
  ['Name DOES NOT CONTAIN logout', ['s1', 's2', 's3', 's5']],
  ['Description ~ exception', ['s4']],
  ['Description !~ exception', ['s1', 's2', 's3', 's5']],
  ['Text ~ exception', ['s4']],
  [`Text ~ "'login bug'"`, ['s5']],
  ['Text ~ safari', ['s5']],
  ['Text ~ chrome', ['s1']],
  ['Text !~ login', ['s2', 's3', 's4']],
  ['Text ~ "Login"', ['s1', 's5']],
  ['Number = 3', ['s3']],
  ['Number > 2', ['s3', 's5']],
  ['Number >= 3', ['s3', 's5']],
  ['Number < 2', ['s1', 's4']],
  ['Number <= 2', ['s1', 's2', 's4']],
  ['Number IN [1, 4]', ['s1', 's4', 's5']],
  ["Number = '2'", ['s2']],
  ['EstimatedDuration > 6', ['s1', 's2']],
  ['CreatedAt = 2024-01-05', ['s1']],
  ['CreatedAt > 2024-02-10', ['s4', 's5']],
  ['CreatedAt >= 2024-02-10', ['s3', 's4', 's5']],
  ["CreatedAt < '2024-01-20'", ['s1']],
  ['CreatedAt <= 2024-01-20', ['s1', 's2']],
  ['CreatedAt < 2024-01-20T12:30:00Z', ['s1']],
  ["CreatedAt = '2024-01-20T12:30:00Z'", ['s2']],
  ['LastUpdatedAt >= 2024-03-01', ['s2', 's4', 's5']],
  ['HasAttachments = true', ['s1']],
  ['HasAttachments != true', ['s2', 's3', 's4', 's5']],
  ['Browser = chrome', ['s1']],
  ['Browser IS EMPTY', ['s3', 's4']],
  ['Browser ~ iphone', ['s5']],
  ['Risk > 2', ['s1', 's2']],
  ['Risk = 5', ['s2']],
  ['risk <= 3', ['s1', 's3']],
  ['ScriptZephyrId IS EMPTY', ['s1', 's2', 's3', 's4', 's5']],
  ['Id = s3', ['s3']],
  ['Id IN [s1, s5]', ['s1', 's5']],
  ['Id NOT IN [s1, s5]', ['s2', 's3', 's4']],
  ['EntityType = Script', ['s1', 's2', 's3', 's4', 's5']],
  ['EntityType = TestScript', ['s1', 's2', 's3', 's4', 's5']],
  ['EntityType = Requirement', []],
  ['EntityType != requirement', ['s1', 's2', 's3', 's4', 's5']],
  ['EntityType IN [Incident, testscript]', ['s1', 's2', 's3', 's4', 's5']],
  ['NOT EntityType = Script', []],
  ['Summary ~ transfer', []],
  ['Status = Approved OR Priority = High', ['s1', 's2', 's3', 's4']],
  ['Status = Approved AND Priority = Low OR AssignedTo = joeb', ['s1', 's3', 's4']],
  ['Status = Approved AND (Priority = Low OR AssignedTo = joeb)', ['s3']],
  ['NOT Status = Approved AND Priority = High', ['s1', 's4']],
  ['NOT (Status = Approved OR Priority = High)', ['s5']],
  ['not status = draft and not priority = low', ['s2']],
  ['Status = Approved aNd Priority = Low', ['s3']],
  ['(((Status = Approved)))', ['s2', 's3']],
  ['Relationships IN { RelatedToEntityType = Requirement }', ['s1', 's2', 's4']],
  ['Relationships IN { RelatedToEntityType = Incident }', ['s3']],
  ['Relationships NOT IN { RelatedToEntityType = Requirement }', ['s3', 's5']],
  ["Relationships IN { RelatedToProject = 'Online Banking' AND RelatedToEntityType = Requirement }", ['s1', 's2']],
  ['Relationships IN { RelatedToStatus = Done }', ['s2']],
  ['Relationships IN { RelationshipTypeKey = Raised }', ['s3']],
  ["Relationships IN { RelatedToPackage = 'Cycle 1' }", ['s2']],
  ['Relationships IN { RelatedToId = r1 }', ['s1']],
  ['EntityType = Script AND Relationships IN { RelatedToEntityType = Requirement AND RelatedToPriority = High }', ['s1']],
  ['Relationships IN { RelatedToName ~ login }', ['s4']],
  ['RelatedTo = r1', ['s1']],
  ['RelatedTo IN [r2, i1]', ['s2', 's3']],
  ['DirectlyRelatedTo IS EMPTY', ['s5']],
];

// [query, expected ids in this exact order]
const SCRIPT_ORDERED: [string, string[]][] = [
  ['ORDER BY Name', ['s2', 's1', 's4', 's5', 's3']],
  ['ORDER BY Name DESC', ['s3', 's5', 's4', 's1', 's2']],
  ["Project = 'Online Banking' ORDER BY Number DESC", ['s5', 's3', 's2', 's1']],
  ['ORDER BY Priority, Number', ['s1', 's4', 's2', 's3', 's5']],
  ['ORDER BY Status DESC, Name', ['s2', 's3', 's1', 's4', 's5']],
  ['ORDER BY CreatedAt DESC', ['s5', 's4', 's3', 's2', 's1']],
  ['ORDER BY Risk DESC', ['s2', 's1', 's3', 's4', 's5']],
  ['ORDER BY AssignedTo, Id DESC', ['s5', 's3', 's2', 's4', 's1']],
  ['order by orderNumber asc', ['s2', 's4', 's3', 's1', 's5']],
  ['Status = Approved ORDER BY Name DESC', ['s3', 's2']],
  ['ORDER BY EntityType, Number DESC', ['s5', 's3', 's2', 's1', 's4']],
];

// [entity, query, expected ids in any order]
const OTHER_ENTITIES: [string, string, string[]][] = [
  ['Requirement', 'Status = Open', ['r1']],
  ['Requirement', "Parent = 'Users can log in'", ['r2']],
  ['Requirement', 'Parent IS EMPTY', ['r1', 'r3']],
  ['Requirement', 'RequirementZephyrId = 123', ['r1']],
  ['Requirement', 'RequirementZephyrId > 200', ['r2']],
  ['Requirement', "Package = 'Cycle 1'", ['r2']],
  ['Requirement', "AllPackages = 'Release 1.0'", ['r1', 'r2']],
  ['Requirement', "Relationships IN { RelatedToEntityType = Script AND RelatedToProject = 'Mobile App' }", ['r3']],
  ['Requirement', "Type = 'Functional Requirement'", ['r1', 'r2']],
  ['Requirement', 'EntityType = Requirement AND Status != "Done"', ['r1', 'r3']],
  ['Incident', 'Component = UI', ['i1', 'i2']],
  ['Incident', 'Component = API', ['i1']],
  ['Incident', 'Component IS EMPTY', ['i3']],
  ['Incident', 'Component IN [API, UI]', ['i1', 'i2']],
  ['Incident', 'Component != API', ['i2', 'i3']],
  ['Incident', "FixedVersion = '1.0'", ['i2']],
  ['Incident', 'AffectedVersion IS NOT EMPTY', ['i1']],
  ['Incident', 'Name ~ transfer', ['i1']],
  ['Incident', 'Summary ~ "10,000"', ['i1']],
  ['Incident', "Status IN [Open, 'Re Opened']", ['i1']],
  ['Incident', 'EntityType = Incident AND NOT (Status = Open OR Status = "Re Opened")', ['i2', 'i3']],
  ['Incident', 'Number = 2', ['i2']],
  ['Incident', 'RaisedBy = janed', ['i1']],
  ['Incident', 'Text ~ misspelt', ['i2']],
  ['Incident', 'Type = Bug AND Priority = High', ['i1']],
  ['ScriptAssignment', 'Status = Passed', ['sa1']],
  ['ScriptAssignment', 'Status != passed', ['sa2', 'sa3']],
  ['ScriptAssignment', "Script = 'Logout'", ['sa3']],
  ['ScriptAssignment', "Project = 'Online Banking'", ['sa1', 'sa2']],
  ['ScriptAssignment', 'Package = Nightly', ['sa2']],
  ['ScriptAssignment', "AllPackages = 'Cycle 1'", ['sa1', 'sa2']],
  ['ScriptAssignment', 'AssignedTo IS EMPTY', ['sa3']],
  ['ScriptAssignment', 'EntityType = TestScriptAssignment', ['sa1', 'sa2', 'sa3']],
  ['ScriptAssignment', 'EntityType = ScriptAssignment AND AssignedTo = CurrentUser()', ['sa1']],
  ['ScriptRun', 'Status = Failed', ['run2']],
  ['ScriptRun', 'RunBy = janed', ['run2', 'run3']],
  ['ScriptRun', "Project = 'Online Banking'", ['run1', 'run2', 'run3']],
  ['ScriptRun', 'Completed = false', ['run3']],
  ['ScriptRun', "Assignment = 'Change password to invalid value'", ['run2', 'run3']],
  ['ScriptRun', 'Package = Nightly', ['run2', 'run3']],
  ['ScriptRun', 'Script = s1', ['run1']],
  ['ScriptPackage', "Id IN Packages('Script Library|Automated Tests')", ['sp2', 'sp3']],
  ['ScriptPackage', "Parent = 'Automated Tests'", ['sp3']],
  ['ScriptPackage', "AllParents = 'Script Library'", ['sp2', 'sp3']],
  ['ScriptPackage', 'Parent IS EMPTY', ['sp1', 'sp4']],
  ['ExecutionPackage', 'Stereotype = Cycle', ['ep1', 'ep3']],
  ['AutomatedTestRun', 'ImportedAt >= 2024-04-05', ['atr1']],
  ['AutomatedTestRun', "Project = 'Online Banking' AND RunBy = admin", ['atr1']],
  ['AutomatedTest', 'Type = junit', ['at1']],
  ['AutomatedTestAssignment', 'AutomatedTest = "JUnit Test Results"', ['ata1']],
  ['AutomatedTestAssignment', 'TestId = at1 AND Package = ep2', ['ata1']],
  ['Requirement', 'RelatedTo = s4', ['r3']],
  ['AgileRun', 'Status = Draft AND AssignedTo = janed', ['ar1']],
];

describe('TQL filters on scripts', () => {
  it.each(SCRIPT_FILTERS)('%s', (tql, expected) => {
    expect(sorted(ids('Script', tql))).toEqual(sorted(expected));
  });
});

describe('TQL ORDER BY', () => {
  it.each(SCRIPT_ORDERED)('%s', (tql, expected) => {
    expect(ids('Script', tql)).toEqual(expected);
  });

  it('sorts references by display name and keeps ties in input order', () => {
    expect(ids('Script', 'ORDER BY Project')).toEqual(['s4', 's1', 's2', 's3', 's5']);
  });
});

describe('TQL on other entity types', () => {
  it.each(OTHER_ENTITIES)('%s: %s', (entity, tql, expected) => {
    expect(sorted(ids(entity, tql))).toEqual(sorted(expected));
  });
});

describe('searchTql across entity types', () => {
  const search = (tql: string, entities?: string[]): string[] => {
    const result = searchTql(tql, ctx, entities);
    if (result.kind !== 'items') throw new Error('expected items');
    return result.items.map((i) => `${i.entity}:${i.record.Id}`);
  };

  it('ranks by ORDER BY across types', () => {
    expect(search('Name ~ login ORDER BY Name')).toEqual([
      'ScriptPackage:sp3', 'Incident:i2', 'Script:s1', 'ScriptAssignment:sa1', 'Requirement:r3',
    ]);
  });
  it.each([
    ['EntityType = Requirement AND Status = Open', ['Requirement:r1']],
    ["EntityType IN [Incident, Requirement] AND Project = 'Mobile App'", ['Incident:i3', 'Requirement:r3']],
    ['Text ~ exception', ['Incident:i1', 'Script:s4']],
    ['AssignedTo = janed', ['AgileRun:ar1', 'Incident:i3', 'Requirement:r1', 'Script:s2', 'ScriptAssignment:sa2']],
    ['Summary ~ crash', ['Incident:i3']],
  ])('%s', (tql, expected) => {
    expect(sorted(search(tql))).toEqual(sorted(expected));
  });
  it('limits the search to the entity types given', () => {
    expect(sorted(search('Priority = High', ['Script', 'Incident']))).toEqual(['Incident:i1', 'Script:s1', 'Script:s4']);
  });
  it('takes records from ctx.all, not from a caller list', () => {
    expect(search('Name ~ "JUnit"')).toEqual(['AutomatedTest:at1', 'AutomatedTestAssignment:ata1']);
  });
});

describe('CurrentUser() without a logged-in user', () => {
  it('matches nothing', () => {
    const anonymous = makeContext(DATA, null);
    const result = runTql('Script', DATA.Script!, 'AssignedTo = CurrentUser()', anonymous);
    expect(result).toEqual({ kind: 'items', items: [] });
  });
});

describe('evaluation', () => {
  it('reads the records once, so a one-shot iterable works', () => {
    function* scripts() {
      yield* DATA.Script!;
    }
    const result = runTql('Script', scripts(), "Project = 'Online Banking' ORDER BY Number DESC", ctx);
    expect(result.kind === 'items' && result.items.map((r) => r.Id)).toEqual(['s5', 's3', 's2', 's1']);
  });

  it('resolves names once per call, not once per record', () => {
    const calls: string[] = [];
    const counting = { ...ctx, all: (entity: string) => (calls.push(entity), ctx.all(entity)) };
    runTql('Script', DATA.Script!, "Project = 'Online Banking' AND Status = Approved AND AssignedTo = joeb", counting);
    expect(calls.sort()).toEqual(['Picklist', 'Project', 'User']);
  });
});
