// A small, fully linked ET data set for query tests: two projects with picklists,
// package trees, scripts, requirements, incidents, assignments, runs, users,
// relationships, step results, attachments, comments, external system links and custom field
// values. Ids are short and readable on purpose,
// except the first project, whose GUID id exercises GUID values.
import type { QueryContext, Rec } from '../../src/query/index.ts';

export const P1 = '6a2f1c3e-0b7d-4c1a-9e55-0d3f9a1b2c01';
export const P2 = 'p2';

const user = (Id: string, UserName: string, FirstName: string, LastName: string): Rec => ({ Id, UserName, FirstName, LastName });
const pick = (Id: string, Type: string, Text: string, SortOrder: number, ProjectId: string): Rec => ({ Id, Type, Text, SortOrder, IsEnable: true, ProjectId });
const pkg = (Id: string, Name: string, ProjectId: string, ParentId: string | null, OrderNumber: number): Rec => ({ Id, Name, ProjectId, ParentId, OrderNumber });

export const DATA: Record<string, Rec[]> = {
  User: [user('u1', 'joeb', 'Joe', 'Bloggs'), user('u2', 'janed', 'Jane', 'Doe'), user('u3', 'admin', 'Ad', 'Min')],
  Project: [
    { Id: P1, Name: 'Online Banking', ManagerId: 'u2', OrganisationId: 'o1' },
    { Id: P2, Name: 'Mobile App', ManagerId: 'u1', OrganisationId: 'o2' },
  ],
  Organisation: [
    { Id: 'o1', Name: 'Acme Bank' },
    { Id: 'o2', Name: 'Acme Mobile' },
  ],
  Picklist: [
    pick('st-draft-1', 'Statuses', 'Draft', 1, P1),
    pick('st-appr-1', 'Statuses', 'Approved', 2, P1),
    pick('st-retired-1', 'Statuses', 'Retired', 3, P1),
    pick('st-draft-2', 'Statuses', 'Draft', 1, P2),
    pick('pr-high-1', 'Priorities', 'High', 1, P1),
    pick('pr-med-1', 'Priorities', 'Medium', 2, P1),
    pick('pr-low-1', 'Priorities', 'Low', 3, P1),
    pick('pr-high-2', 'Priorities', 'High', 1, P2),
    pick('tt-func-1', 'TestTypes', 'Functional', 1, P1),
    pick('tt-reg-1', 'TestTypes', 'Regression', 2, P1),
    pick('rs-open-1', 'RequirementStatuses', 'Open', 1, P1),
    pick('rs-done-1', 'RequirementStatuses', 'Done', 2, P1),
    pick('rt-func-1', 'RequirementTypes', 'Functional Requirement', 1, P1),
    pick('is-open-1', 'IncidentStatuses', 'Open', 1, P1),
    pick('is-closed-1', 'IncidentStatuses', 'Closed', 2, P1),
    pick('is-reopened-1', 'IncidentStatuses', 'Re Opened', 3, P1),
    pick('it-bug-1', 'IncidentTypes', 'Bug', 1, P1),
    pick('comp-ui-1', 'Components', 'UI', 1, P1),
    pick('comp-api-1', 'Components', 'API', 2, P1),
    pick('ver-10-1', 'Versions', '1.0', 1, P1),
    pick('rd-hard-1', 'RequirementDifficulties', 'Hard', 1, P1),
  ],
  ScriptPackage: [
    pkg('sp1', 'Script Library', P1, null, 1),
    pkg('sp2', 'Automated Tests', P1, 'sp1', 1),
    pkg('sp3', 'Login', P1, 'sp2', 1),
    pkg('sp4', 'Script Library', P2, null, 1),
  ],
  RequirementPackage: [pkg('rp1', 'Release 1.0', P1, null, 1), pkg('rp2', 'Cycle 1', P1, 'rp1', 1)],
  ExecutionPackage: [
    { ...pkg('ep1', 'Cycle 1', P1, null, 1), Stereotype: 'Cycle' },
    { ...pkg('ep2', 'Nightly', P1, 'ep1', 2), Stereotype: 'Folder' },
    { ...pkg('ep3', 'Smoke', P2, null, 1), Stereotype: 'Cycle' },
  ],
  Script: [
    {
      Id: 's1', Name: 'Login with valid password', ProjectId: P1, PackageId: 'sp1', StatusId: 'st-draft-1', PriorityId: 'pr-high-1',
      TypeId: 'tt-func-1', AssignedToId: 'u1', CreatedById: 'u3', LastUpdatedById: 'u1', CreatedAt: '2024-01-05T10:00:00Z',
      LastUpdatedAt: '2024-02-01T08:00:00Z', Number: 1, OrderNumber: 3, Description: 'The user logs in to the bank.',
      EstimatedDuration: 10, HasAttachments: true, FieldValues: { Browser: 'Chrome', Risk: 3 },
    },
    {
      Id: 's2', Name: 'Change password to invalid value', ProjectId: P1, PackageId: 'sp2', StatusId: 'st-appr-1', PriorityId: 'pr-med-1',
      TypeId: 'tt-reg-1', AssignedToId: 'u2', CreatedById: 'u1', LastUpdatedById: 'u2', CreatedAt: '2024-01-20T12:30:00Z',
      LastUpdatedAt: '2024-03-05T09:00:00Z', Number: 2, OrderNumber: 1, Description: 'Password rules are enforced.',
      EstimatedDuration: 25, HasAttachments: false, FieldValues: { Browser: 'Firefox', Risk: 5 },
    },
    {
      Id: 's3', Name: 'Transfer funds between accounts', ProjectId: P1, PackageId: 'sp3', StatusId: 'st-appr-1', PriorityId: 'pr-low-1',
      TypeId: 'tt-func-1', AssignedToId: null, CreatedById: 'u2', LastUpdatedById: 'u2', CreatedAt: '2024-02-10T00:00:00Z',
      LastUpdatedAt: '2024-02-10T00:00:00Z', Number: 3, OrderNumber: 2, Description: 'Testing the transfer of money',
      EstimatedDuration: 5, HasAttachments: false, FieldValues: { Risk: 1 },
    },
    {
      Id: 's4', Name: 'Logout', ProjectId: P2, PackageId: 'sp4', StatusId: 'st-draft-2', PriorityId: 'pr-high-2', TypeId: null,
      AssignedToId: 'u1', CreatedById: 'u3', LastUpdatedById: 'u3', CreatedAt: '2024-03-01T15:45:00Z', LastUpdatedAt: '2024-03-01T15:45:00Z',
      Number: 1, OrderNumber: 1, Description: 'Checks the exception handling on logout', HasAttachments: false,
      Steps: [{ Description: 'Open the menu' }, { Description: 'Press Log out' }, { Description: 'See the sign-in page' }],
    },
    {
      Id: 's5', Name: 'Text search of a test', ProjectId: P1, PackageId: 'sp1', StatusId: null, PriorityId: 'pr-low-1', TypeId: null,
      AssignedToId: null, CreatedById: 'u1', LastUpdatedById: 'u1', CreatedAt: '2024-03-15T23:59:59Z', LastUpdatedAt: '2024-03-16T00:00:00Z',
      Number: 4, OrderNumber: 4, Description: null, Objective: 'Reproduce the login bug report', HasAttachments: false,
      FieldValues: { Browser: 'Safari on iPhone' },
    },
  ],
  Requirement: [
    {
      Id: 'r1', Name: 'Users can log in', ProjectId: P1, PackageId: 'rp1', StatusId: 'rs-open-1', PriorityId: 'pr-high-1',
      TypeId: 'rt-func-1', AssignedToId: 'u2', CreatedById: 'u2', CreatedAt: '2024-01-02T09:00:00Z', LastUpdatedAt: '2024-01-02T09:00:00Z',
      Number: 1, OrderNumber: 1, Description: 'Customers log in with user name and password', FieldValues: { RequirementZephyrId: 123 },
      DifficultyLevelId: 'rd-hard-1',
    },
    {
      Id: 'r2', Name: 'Password policy', ProjectId: P1, PackageId: 'rp2', ParentId: 'r1', StatusId: 'rs-done-1', PriorityId: 'pr-med-1',
      TypeId: 'rt-func-1', AssignedToId: null, CreatedById: 'u1', CreatedAt: '2024-01-15T09:00:00Z', LastUpdatedAt: '2024-02-15T09:00:00Z',
      Number: 2, OrderNumber: 2, Description: 'Passwords need eight characters', FieldValues: { RequirementZephyrId: 456 },
    },
    {
      Id: 'r3', Name: 'Mobile login', ProjectId: P2, PackageId: null, StatusId: null, PriorityId: null, TypeId: null,
      AssignedToId: 'u1', CreatedById: 'u1', CreatedAt: '2024-02-20T09:00:00Z', LastUpdatedAt: '2024-02-20T09:00:00Z',
      Number: 1, OrderNumber: 1, Description: 'Log in on the phone',
    },
  ],
  Incident: [
    {
      Id: 'i1', Summary: 'Transfer fails for amounts over 10,000', ProjectId: P1, StatusId: 'is-open-1', PriorityId: 'pr-high-1',
      TypeId: 'it-bug-1', ComponentIds: ['comp-ui-1', 'comp-api-1'], AffectedVersionIds: ['ver-10-1'], FixedVersionIds: [],
      AssignedToId: 'u1', CreatedById: 'u2', CreatedAt: '2024-02-11T10:00:00Z', LastUpdatedAt: '2024-02-12T10:00:00Z',
      IncidentNumber: 1, Description: 'An exception is thrown by the transfer service',
      ExternalKeys: 'OB-142, OB-150', ExternalSystemLinkIds: ['esl1'],
    },
    {
      Id: 'i2', Summary: 'Login page typo', ProjectId: P1, StatusId: 'is-closed-1', PriorityId: 'pr-low-1', TypeId: 'it-bug-1',
      ComponentIds: ['comp-ui-1'], AffectedVersionIds: [], FixedVersionIds: ['ver-10-1'], AssignedToId: null, CreatedById: 'u1',
      CreatedAt: '2024-03-02T10:00:00Z', LastUpdatedAt: '2024-03-02T10:00:00Z', IncidentNumber: 2, Description: 'Recieve is misspelt',
    },
    {
      Id: 'i3', Summary: 'Crash on logout', ProjectId: P2, StatusId: null, PriorityId: null, TypeId: null, ComponentIds: [],
      AssignedToId: 'u2', CreatedById: 'u1', CreatedAt: '2024-03-20T10:00:00Z', LastUpdatedAt: '2024-03-20T10:00:00Z', IncidentNumber: 1,
    },
  ],
  ScriptAssignment: [
    { Id: 'sa1', Name: 'Login with valid password', ScriptId: 's1', PackageId: 'ep1', Status: 'Passed', AssignedToId: 'u1' },
    { Id: 'sa2', Name: 'Change password to invalid value', ScriptId: 's2', PackageId: 'ep2', Status: 'Failed', AssignedToId: 'u2' },
    { Id: 'sa3', Name: 'Logout', ScriptId: 's4', PackageId: 'ep3', Status: 'NotRun', AssignedToId: null },
  ],
  AgileRun: [
    {
      Id: 'ar1', Name: 'Exploratory banking session', ProjectId: P1, PackageId: 'ep1', StatusId: 'st-draft-1', AssignedToId: 'u2', Number: 1,
      SourceId: 'EXP-7', EstimatedDuration: '1 hour', ActualDuration: '45 minutes',
      Steps: [{ Id: 'ars1', Result: 'Passed' }, { Id: 'ars2', Result: 'Failed' }, { Id: 'ars3', Result: 'Failed' }],
    },
  ],
  AutomatedTest: [
    { Id: 'at1', Name: 'JUnit Test Results', Type: 'JUnit', ProjectId: P1, PackageId: 'sp2', CreatedById: 'u3', CreatedAt: '2024-01-10T00:00:00Z', OrderNumber: 1 },
  ],
  AutomatedTestAssignment: [
    { Id: 'ata1', Name: 'Nightly JUnit', AutomatedTestId: 'at1', PackageId: 'ep2', Status: 'Passed', AssignedToId: 'u3',
      Totals: { Passed: 3, Failed: 1, Errors: 2, Iterations: 0, NotRun: 0, Skipped: 0, TotalResults: 4 } },
  ],
  ScriptRun: [
    { Id: 'run1', AssignmentId: 'sa1', ScriptId: 's1', Status: 'Passed', RunById: 'u1', CreatedById: 'u1', CreatedAt: '2024-04-01T10:00:00Z', ActualDuration: 30, Completed: true },
    { Id: 'run2', AssignmentId: 'sa2', ScriptId: 's2', Status: 'Failed', RunById: 'u2', CreatedById: 'u2', CreatedAt: '2024-04-02T10:00:00Z', ActualDuration: 90, Completed: true },
    { Id: 'run3', AssignmentId: 'sa2', ScriptId: 's2', Status: 'InProgress', RunById: 'u2', CreatedById: 'u2', CreatedAt: '2024-04-03T10:00:00Z', ActualDuration: null, Completed: false },
  ],
  AutomatedTestRun: [
    { Id: 'atr1', AssignmentId: 'ata1', Status: 'Passed', RunById: 'u3', ImportedAt: '2024-04-05T06:00:00Z', Totals: { Passed: 3, Failed: 1, Errors: 2, TotalResults: 4 } },
  ],
  AutomatedTestRunIncident: [{ Id: 'atri1', RunId: 'atr1', NodeId: 'n1', IncidentId: 'i3' }],
  StepResult: [
    { Id: 'st1', RunId: 'run1', Outcome: 'Passed' },
    { Id: 'st2', RunId: 'run1', Outcome: 'Passed' },
    { Id: 'st3', RunId: 'run2', Outcome: 'Failed' },
    { Id: 'st4', RunId: 'run2', Outcome: 'Blocked' },
    { Id: 'st5', RunId: 'run3', Outcome: 'Passed' },
    { Id: 'st6', RunId: 'run3', Outcome: 'NotRun' },
  ],
  StepRunResultIncident: [{ Id: 'sri1', StepResultId: 'st3', IncidentId: 'i2' }],
  StepResultAttachment: [{ Id: 'sta1', StepResultId: 'st4', Name: 'blocked.png' }],
  ScriptAttachment: [{ Id: 'sat1', ScriptId: 's1', Name: 'login.png' }, { Id: 'sat2', ScriptId: 's1', Name: 'login-error.png' }],
  IncidentComment: [
    { Id: 'c2', IncidentId: 'i1', Body: 'Fixed in the next release', CreatedAt: '2024-02-12T09:00:00Z' },
    { Id: 'c1', IncidentId: 'i1', Body: 'Reproduced on build 412', CreatedAt: '2024-02-11T11:00:00Z' },
  ],
  ExternalSystemLink: [
    { Id: 'esl1', Name: 'Jira', ProjectId: P1, Type: 'DefectTracker', LastSynchronizedAt: '2024-02-12T10:00:00Z' },
    { Id: 'esl2', Name: 'Use cases', ProjectId: P1, Type: 'Requirements', RequirementPackageId: 'rp1', LastSynchronizedAt: '2024-03-01T08:00:00Z' },
  ],
  RelationshipType: [
    { Id: 'Covers', Key: 'Covers', Name: 'Coverage', SourceToDestinationLabel: 'Covers', DestinationToSourceLabel: 'Covered By' },
  ],
  Relationship: [
    { Id: 'rel1', SourceEntityId: 's1', SourceEntityType: 'Script', DestinationEntityId: 'r1', DestinationEntityType: 'Requirement', RelationshipTypeKey: 'Covers', RelationshipDirection: 'SourceToDestination' },
    { Id: 'rel2', SourceEntityId: 's2', SourceEntityType: 'TestScript', DestinationEntityId: 'r2', DestinationEntityType: 'Requirement', RelationshipTypeKey: 'Covers', RelationshipDirection: 'SourceToDestination' },
    { Id: 'rel3', SourceEntityId: 'i1', SourceEntityType: 'Incident', DestinationEntityId: 's3', DestinationEntityType: 'Script', RelationshipTypeKey: 'Raised', RelationshipDirection: 'Both' },
    { Id: 'rel4', SourceEntityId: 'r3', SourceEntityType: 'Requirement', DestinationEntityId: 's4', DestinationEntityType: 'Script', RelationshipTypeKey: 'Covers', RelationshipDirection: 'DestinationToSource' },
    { Id: 'rel5', SourceEntityId: 'i2', SourceEntityType: 'Incident', DestinationEntityId: 'r2', DestinationEntityType: 'Requirement', RelationshipTypeKey: 'Raised', RelationshipDirection: 'SourceToDestination' },
  ],
  CustomField: [
    { Id: 'cf1', Name: 'Browser' },
    { Id: 'cf2', Name: 'Risk' },
    { Id: 'cf3', Name: 'RequirementZephyrId' },
    { Id: 'cf4', Name: 'ScriptZephyrId' },
  ],
};

/** A QueryContext over `data`, acting as `currentUser` (joeb unless told otherwise). */
export function makeContext(data: Record<string, Rec[]> = DATA, currentUser: { Id: string; UserName: string } | null = { Id: 'u1', UserName: 'joeb' }): QueryContext {
  const byId = new Map<string, Map<string, Rec>>();
  for (const [entity, records] of Object.entries(data)) byId.set(entity, new Map(records.map((r) => [r.Id, r])));
  return {
    ...(currentUser ? { currentUser } : {}),
    lookup: (entity, id) => byId.get(entity)?.get(id),
    all: (entity) => data[entity] ?? [],
  };
}
