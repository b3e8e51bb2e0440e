// The derived TQL fields (src/query/tql/fields.ts) over the fixture, one table per group: counts and Has* of
// related records, execution totals, users who edited, packages, external-system fields, comments, durations
// and the relationship index. Each answer follows from the fixture's records (see fixture.ts).
import { describe, expect, it } from 'vitest';
import { runTql } from '../../src/query/index.ts';
import { DATA, makeContext } from './fixture.ts';

const ctx = makeContext();

function ids(entity: string, tql: string): string[] {
  const result = runTql(entity, DATA[entity]!, tql, ctx);
  if (result.kind !== 'items') throw new Error('expected items');
  return result.items.map((r) => r.Id).sort();
}

function cases(title: string, rows: [entity: string, tql: string, expected: string[]][]): void {
  describe(title, () => {
    it.each(rows)('%s: %s', (entity, tql, expected) => {
      expect(ids(entity, tql)).toEqual([...expected].sort());
    });
  });
}

cases('counts and Has* of related records', [
  ['Script', 'AssignmentsCount = 1', ['s1', 's2', 's4']],
  ['Script', 'HasAssignments = false', ['s3', 's5']],
  ['Script', 'AttachmentCount = 2', ['s1']],
  ['Script', 'AttachmentCount = 0', ['s2', 's3', 's4', 's5']],
  ['Script', 'RequirementsCount >= 1', ['s1', 's2', 's4']],
  ['Script', 'ProvidesCoverage = true', ['s1', 's2', 's4']],
  // s2 through the incident raised on a step of run2, s3 through a relationship
  ['Script', 'HasIncidents = true', ['s2', 's3']],
  ['Script', 'IncidentCount = 0', ['s1', 's4', 's5']],
  ['ScriptAssignment', 'HasIncidents = true', ['sa2']],
  ['ScriptRun', 'IncidentCount = 1', ['run2']],
  ['ScriptRun', 'AttachmentCount > 0', ['run2']],
  ['AutomatedTestRun', 'HasIncidents = true', ['atr1']],
  ['AutomatedTestAssignment', 'IncidentCount = 1', ['ata1']],
  ['Requirement', 'HasCoverage = true', ['r1', 'r2', 'r3']],
  ['Requirement', 'HasScripts = false', []],
  ['Requirement', 'HasIncidents = true', ['r2']],
  ['Requirement', 'HasAutomatedTests = true', []],
  ['Incident', 'HasRequirements = true', ['i2']],
  ['Incident', 'HasScripts = true', ['i1']],
  ['AutomatedTest', 'AssignmentsCount = 1', ['at1']],
  ['ScriptPackage', 'HasAutomatedTests = true', ['sp1', 'sp2']],
  ['ScriptPackage', 'HasScripts = true', ['sp1', 'sp2', 'sp3', 'sp4']],
  ['RequirementPackage', 'RequirementsCount = 2', ['rp1']],
  ['ExecutionPackage', 'AssignmentsCount = 3', ['ep1']],
  ['ExecutionPackage', 'HasAgileRuns = true', ['ep1']],
  ['ExecutionPackage', 'AgileRunsCount = 0', ['ep2', 'ep3']],
]);

cases('execution totals', [
  // runs: their step results
  ['ScriptRun', 'Passed = 2', ['run1']],
  ['ScriptRun', 'Failed = 1 AND Blocked = 1', ['run2']],
  ['ScriptRun', 'NotRun > 0', ['run3']],
  ['ScriptRun', 'ExecutionTotals = 2', ['run1', 'run2', 'run3']],
  ['ScriptRun', 'InProgress > 0', []],
  // assignments: their latest run (sa2: run3), or every script step NotRun before the first run
  ['ScriptAssignment', 'Passed = 1 AND NotRun = 1', ['sa2']],
  ['ScriptAssignment', 'NotRun = 3', ['sa3']],
  ['ScriptAssignment', 'Passed >= 1', ['sa1', 'sa2']],
  // packages: the Status of the assignments in them and below them
  ['ExecutionPackage', 'Passed = 2 AND Failed = 1', ['ep1']],
  ['ExecutionPackage', 'NotRun = 1', ['ep3']],
  ['ExecutionPackage', 'ExecutionTotals = 2', ['ep2']],
  // automated: the stored Totals
  ['AutomatedTestAssignment', 'Errors = 2 AND Iterations = 0', ['ata1']],
  ['AutomatedTestRun', 'Passed = 3 AND ExecutionTotals = 4', ['atr1']],
  // agile runs: their steps' results
  ['AgileRun', 'Failed = 2 AND Passed = 1', ['ar1']],
]);

cases('run numbers and durations (minutes)', [
  ['ScriptRun', 'RunNumber = 1', ['run1', 'run2']],
  ['ScriptRun', 'RunNumber = 2', ['run3']],
  ['AutomatedTestRun', 'RunNumber = 1', ['atr1']],
  ['ScriptAssignment', 'AccumulatedActualDuration = 90', ['sa2']],
  ['ScriptAssignment', 'EstimatedLessActualDuration = -20', ['sa1']],
  ['ScriptAssignment', 'RemainingEstimate = 0', ['sa1', 'sa2']],
  ['ScriptAssignment', 'AccumulatedActualDuration IS EMPTY', ['sa3']],
  ['AgileRun', 'RemainingEstimate = 15 AND EstimatedLessActualDuration = 15 AND AccumulatedActualDuration = 45', ['ar1']],
  ['AgileRun', 'EstimatedDuration = 60', ['ar1']],
]);

cases('users who edited', [
  ['Script', 'Editor = janed', ['s2', 's3']],
  ['Script', "Editors IN [admin, ProjectManager('Mobile App')]", ['s1', 's2', 's4', 's5']],
  ['Script', 'Editor != admin', ['s2', 's3', 's5']],
  // the audit's query: UserA is no user; Jane Doe is also the manager of Online Banking
  ['Incident', "Editor IN [UserA, 'Jane Doe', ProjectManager('Online Banking')]", ['i1']],
  ['ScriptRun', 'Editor = CurrentUser()', ['run1']],
]);

cases('packages, organisation, difficulty', [
  ['ScriptPackage', "ParentPackage = 'Script Library'", ['sp2']],
  ['ScriptPackage', 'ParentAndThisPackage = sp2', ['sp2', 'sp3']],
  ['ExecutionPackage', 'ParentPackage IS EMPTY', ['ep1', 'ep3']],
  ['Script', "Organisation = 'Acme Bank'", ['s1', 's2', 's3', 's5']],
  ['ScriptAssignment', "Organisation = 'Acme Mobile'", ['sa3']],
  ['Requirement', 'Difficulty = Hard', ['r1']],
]);

cases('external systems', [
  ['Incident', 'Key = OB-150', ['i1']],
  ['Incident', "ExternalKey IN ['ob-142', 'OB-999']", ['i1']],
  ['Incident', 'ExternalKey IS EMPTY', ['i2', 'i3']],
  ['Incident', 'LastSynchronizedAt = 2024-02-12', ['i1']],
  ['Incident', 'ExternalUrl IS EMPTY', ['i1', 'i2', 'i3']],
  // requirements synchronise through the link on their package or one above it
  ['Requirement', 'LastSynchronizedAt > 2024-02-01', ['r1', 'r2']],
  ['Requirement', 'LastSynchronizedAt IS EMPTY', ['r3']],
  ['AgileRun', 'ExternalId = EXP-7', ['ar1']],
]);

cases('comments', [
  ['Incident', 'Comment ~ reproduced', ['i1']],
  ['Incident', 'Comment ~ release', ['i1']],
  ['Incident', 'LastComment ~ release', ['i1']],
  ['Incident', 'LastComment ~ reproduced', []],
  ['Incident', 'Comment IS EMPTY', ['i2', 'i3']],
]);

cases('relationship index fields', [
  ['Requirement', "Relationships IN { Relationship = 'Covered By' }", ['r1', 'r2']],
  ['Script', "Relationships IN { Relationship = 'Covered By' }", ['s4']],
  ['Script', 'Relationships IN { Relationship = Coverage AND RelationshipDepth = 1 }', ['s1', 's2', 's4']],
  ['Script', 'Relationships IN { RelationshipType = Coverage }', ['s1', 's2', 's4']],
  ['Script', 'Relationships IN { RelationshipId = rel3 }', ['s3']],
  ['Script', 'Relationships IN { Destination = r1 }', ['s1']],
  ['Script', "Relationships IN { RelatedToOrganisation = 'Acme Bank' }", ['s1', 's2', 's3']],
  ['Script', 'Relationships IN { RelatedToFields = 456 }', ['s2']],
  // outside a sub-select they read all of a record's relationships
  ['Script', 'RelationshipType = Coverage', ['s1', 's2', 's4']],
  ['Incident', 'RelationshipTypeKey = Raised', ['i1', 'i2']],
  ['Incident', 'RelationshipId = rel3', ['i1']],
  ['Requirement', 'RelationshipDirection = DestinationToSource', ['r3']],
  ['Script', 'Relationship IS EMPTY', ['s5']],
]);

describe('fields the fake has no data for', () => {
  it('refuses Query with the reason', () => {
    expect(() => ids('Script', 'Query = mine')).toThrow("the field 'Query' names a saved query, and the fake keeps no saved queries");
  });

  it('reads a field of another entity type as empty', () => {
    expect(ids('Script', 'Comment IS EMPTY')).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(ids('Incident', 'RunNumber IS EMPTY')).toEqual(['i1', 'i2', 'i3']);
  });
});
