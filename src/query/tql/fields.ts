// TQL field names per entity type, mapped onto stored record properties.
// ONE table per entity type; every other module asks `fieldFor(entity, name)`.
import { groupBy, type Env } from '../env.ts';
import type { EntityType } from './entities.ts';
import type { Rec, RelationshipView } from '../types.ts';
import { toMinutes } from '../values.ts';

export type FieldKind = 'string' | 'number' | 'date' | 'bool' | 'ref' | 'entityType' | 'custom';

export interface RefSpec {
  /** Lower-case ids of the records a query value names (by name, text, path or id). */
  resolve(text: string, env: Env): string[];
  /** The text ET shows for a referenced id (group keys, ~ matching, sorting). */
  display(id: string, env: Env): string | undefined;
  /** Sort key of a referenced id; picklists sort by SortOrder. */
  sortKey?(id: string, env: Env): number | string | undefined;
}

export interface FieldDef {
  /** The name as ET spells it (group keys are "GroupBy" + name). */
  name: string;
  kind: FieldKind;
  /** The raw value on a record; refs give lower-case ids (or arrays of them). */
  get(rec: Rec, env: Env): unknown;
  ref?: RefSpec;
  /** Picklist `Type` whose values Fill(field) lists. */
  picklistType?: string;
  /** Searched by the `Text` pseudo-field. */
  fullText?: boolean;
}

const lowerId = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v.toLowerCase() : undefined);
const lowerIds = (v: unknown): string[] => (Array.isArray(v) ? v.map(lowerId).filter((x): x is string => x !== undefined) : []);

// ---- references ------------------------------------------------------------------

function byNameOrId(entity: string, prop: string): RefSpec {
  return {
    resolve: (text, env) => [text.toLowerCase(), ...env.idsByProperty(entity, prop, text)],
    display: (id, env) => env.display(entity, id, prop),
  };
}

const picklistRef: RefSpec = {
  ...byNameOrId('Picklist', 'Text'),
  sortKey: (id, env) => {
    const order = env.lookup('Picklist', id)?.SortOrder;
    return typeof order === 'number' ? order : env.display('Picklist', id, 'Text');
  },
};

const userRef: RefSpec = {
  resolve: (text, env) => [text.toLowerCase(), ...env.userIds(text)],
  display: (id, env) => env.display('User', id, 'UserName'),
};

const projectRef = byNameOrId('Project', 'Name');

const packageRef: RefSpec = {
  resolve: (text, env) => {
    const byName = env.memo('packagesByName', () => {
      const map = new Map<string, string[]>();
      for (const [id, rec] of env.packages()) {
        const key = String(rec.Name ?? '').toLowerCase();
        map.set(key, [...(map.get(key) ?? []), id]);
      }
      return map;
    });
    const ids = [text.toLowerCase(), ...(byName.get(text.toLowerCase()) ?? [])];
    if (text.includes('|')) ids.push(...env.packagesByPath(text));
    return ids;
  },
  display: (id, env) => env.display('Package', id, 'Name'),
};

// ---- field constructors ----------------------------------------------------------------

const str = (name: string, prop = name, fullText = false): FieldDef => ({ name, kind: 'string', get: (r) => r[prop], fullText });
const text = (name: string, prop = name): FieldDef => str(name, prop, true);
const num = (name: string, prop = name): FieldDef => ({ name, kind: 'number', get: (r) => r[prop] });
const date = (name: string, prop = name): FieldDef => ({ name, kind: 'date', get: (r) => r[prop] });
const bool = (name: string, prop = name): FieldDef => ({ name, kind: 'bool', get: (r) => r[prop] });
const id = (name: string, prop = name): FieldDef => ({ name, kind: 'string', get: (r) => lowerId(r[prop]) });
const pick = (name: string, prop: string, picklistType: string): FieldDef =>
  ({ name, kind: 'ref', get: (r) => lowerId(r[prop]), ref: picklistRef, picklistType });
const multiPick = (name: string, prop: string, picklistType: string): FieldDef =>
  ({ name, kind: 'ref', get: (r) => lowerIds(r[prop]), ref: picklistRef, picklistType });
const user = (name: string, prop: string): FieldDef => ({ name, kind: 'ref', get: (r) => lowerId(r[prop]), ref: userRef });
const project = (): FieldDef => ({ name: 'Project', kind: 'ref', get: (r) => lowerId(r.ProjectId), ref: projectRef });
const pkg = (name: string, prop: string): FieldDef => ({ name, kind: 'ref', get: (r) => lowerId(r[prop]), ref: packageRef });
/** The package and every package above it, so `AllPackages = X` finds whatever is anywhere below X. */
const allPackages = (name: string, prop: string): FieldDef => ({
  name,
  kind: 'ref',
  get: (r, env) => (typeof r[prop] === 'string' ? env.packageAndAncestors(r[prop] as string) : []),
  ref: packageRef,
});
const entityRef = (name: string, prop: string, entity: string, nameProp = 'Name'): FieldDef =>
  ({ name, kind: 'ref', get: (r) => lowerId(r[prop]), ref: byNameOrId(entity, nameProp) });
const derivedRef = (name: string, ref: RefSpec, get: (r: Rec, env: Env) => unknown): FieldDef => ({ name, kind: 'ref', get, ref });

const users = (name: string, ...props: string[]): FieldDef =>
  ({ name, kind: 'ref', get: (r) => [...new Set(props.map((p) => lowerId(r[p])).filter((x): x is string => x !== undefined))], ref: userRef });
/** A duration in minutes ("25 minutes", "1h 30m" or a number of minutes). */
const duration = (name: string, get: (r: Rec, env: Env) => unknown = (r) => r[name]): FieldDef =>
  ({ name, kind: 'number', get: (r, env) => toMinutes(get(r, env)) });
const organisationRef = byNameOrId('Organisation', 'Name');
/** The organisation of the record's project (`projectId` reads the project's id). */
const organisation = (projectId: (r: Rec, env: Env) => unknown = (r) => r.ProjectId): FieldDef =>
  derivedRef('Organisation', organisationRef, (r, env) => lowerId(env.lookup('Project', projectId(r, env))?.OrganisationId));
/** Every custom field value of the record, as one multi-valued field (RelatedToFields reads it at the far end). */
const fieldValues = (): FieldDef => ({ name: 'Fields', kind: 'custom', get: (r) => customValues(r) });

// ---- related records: counts and Has* flags ----------------------------------------------------

/** Lower-case ids of the records a record is related to in some way; the Env indexes make each call a few map reads. */
type Related = (r: Rec, env: Env) => string[];

/** `prop` of the records of `entity` whose `fk` is the record's id (e.g. the IncidentIds of its StepRunResultIncident links). */
const through = (entity: string, fk: string, prop = 'Id'): Related => (r, env) =>
  env.referencing(entity, fk, r.Id).map((x) => lowerId(x[prop])).filter((x): x is string => x !== undefined);
/** Follows `fk` from the records of `entity` that point at the record, then `next` from each of them. */
const via = (entity: string, fk: string, next: Related): Related => (r, env) => env.referencing(entity, fk, r.Id).flatMap((x) => next(x, env));
/** The far ends of the record's relationships whose entity type is one of `types`. */
const linked = (...types: EntityType[]): Related => (r, env) =>
  env.relationshipsOf(r.Id).filter((v) => (types as string[]).includes(v.otherEntity)).map((v) => String(v.other.Id).toLowerCase());
/** Records of `entities` in the package (the record itself) or in any package below it. */
const inPackages = (...entities: string[]): Related => (r, env) =>
  env.packageAndDescendants(String(r.Id)).flatMap((p) => entities.flatMap((e) => env.referencing(e, 'PackageId', p))).map((x) => String(x.Id).toLowerCase());
const union = (...lists: Related[]): Related => (r, env) => [...new Set(lists.flatMap((l) => l(r, env)))];

/** `<count>` (a number) and `<has>` (a boolean) over the same related records; either name may be left out. */
function related(count: string | undefined, has: string | undefined, list: Related): FieldDef[] {
  const defs: FieldDef[] = [];
  if (count) defs.push({ name: count, kind: 'number', get: (r, env) => list(r, env).length });
  if (has) defs.push({ name: has, kind: 'bool', get: (r, env) => list(r, env).length > 0 });
  return defs;
}

const runIncidents = via('StepResult', 'RunId', through('StepRunResultIncident', 'StepResultId', 'IncidentId'));
const automatedRunIncidents = through('AutomatedTestRunIncident', 'RunId', 'IncidentId');

// ---- execution totals -----------------------------------------------------------------------

/** Counts by outcome, keyed by the lower-case outcome without spaces ('notrun', 'inprogress'), plus 'total'. */
type Totals = Record<string, number>;
const outcomeKey = (v: unknown): string => String(v ?? 'NotRun').toLowerCase().replace(/[^a-z]/g, '');

function countOutcomes(outcomes: unknown[]): Totals {
  const totals: Totals = { total: outcomes.length };
  for (const o of outcomes) {
    const key = outcomeKey(o);
    totals[key] = (totals[key] ?? 0) + 1;
  }
  return totals;
}

/** A run's step results by Outcome (steps not yet run count as NotRun). */
const runTotals = (r: Rec, env: Env): Totals => countOutcomes(env.referencing('StepResult', 'RunId', r.Id).map((s) => s.Outcome));

/** An assignment shows its latest run's totals; before the first run every step of its script is NotRun. */
function assignmentTotals(r: Rec, env: Env): Totals {
  let latest: Rec | undefined;
  for (const run of env.referencing('ScriptRun', 'AssignmentId', r.Id)) if (!latest || String(run.CreatedAt ?? '') >= String(latest.CreatedAt ?? '')) latest = run;
  if (latest) return runTotals(latest, env);
  const steps = env.lookup('Script', r.ScriptId)?.Steps;
  return countOutcomes(Array.isArray(steps) ? steps.map(() => 'NotRun') : []);
}

/** A package counts the assignments in it and in every package below it by their Status. */
const packageTotals = (r: Rec, env: Env): Totals =>
  countOutcomes(inPackages('ScriptAssignment', 'AutomatedTestAssignment')(r, env).map((id) =>
    (env.lookup('ScriptAssignment', id) ?? env.lookup('AutomatedTestAssignment', id))?.Status));

/** An agile run's steps by their Result. */
const agileTotals = (r: Rec): Totals => countOutcomes(Array.isArray(r.Steps) ? r.Steps.map((s) => (s as Rec | null)?.Result) : []);

/** Automated runs and assignments store ET's Totals (see the result upload); TotalResults is the total. */
function storedTotals(r: Rec): Totals | undefined {
  const t = r.Totals;
  if (typeof t !== 'object' || t === null) return undefined;
  const totals: Totals = {};
  for (const [k, v] of Object.entries(t)) if (typeof v === 'number') totals[outcomeKey(k)] = v;
  if (totals.totalresults !== undefined) totals.total = totals.totalresults;
  return totals;
}

/** Passed, Failed, ... as numbers read from one totals function; ExecutionTotals is the number of results counted. */
function executionTotals(totals: (r: Rec, env: Env) => Totals | undefined, ...names: string[]): FieldDef[] {
  return [...names, 'ExecutionTotals'].map((name) => {
    const key = name === 'ExecutionTotals' ? 'total' : outcomeKey(name);
    return { name, kind: 'number', get: (r, env) => { const t = totals(r, env); return t === undefined ? undefined : (t[key] ?? 0); } };
  });
}
const MANUAL_OUTCOMES = ['Passed', 'Failed', 'Blocked', 'NotRun', 'InProgress'];
const AUTOMATED_OUTCOMES = ['Passed', 'Failed', 'NotRun', 'Errors', 'Iterations'];

/** 1, 2, ... in the order an assignment's runs were made (`at` names the time field); memoised per call. */
function runNumber(entity: string, at: string): FieldDef {
  return {
    name: 'RunNumber',
    kind: 'number',
    get: (r, env) => env.memo(`runNumbers:${entity}`, () => {
      const byAssignment = groupBy(env.all(entity), (run) => lowerId(run.AssignmentId) ?? '');
      const numbers = new Map<string, number>();
      for (const runs of byAssignment.values()) {
        const ordered = runs.map((run, i) => ({ run, i })).sort((a, b) =>
          String(a.run[at] ?? '').localeCompare(String(b.run[at] ?? '')) || a.i - b.i);
        ordered.forEach(({ run }, i) => numbers.set(String(run.Id).toLowerCase(), i + 1));
      }
      return numbers;
    }).get(String(r.Id).toLowerCase()),
  };
}

// ---- durations ---------------------------------------------------------------------------------

/** Minutes spent on an assignment: the ActualDuration of all its runs. */
function accumulated(r: Rec, env: Env): number | undefined {
  const runs = env.referencing('ScriptRun', 'AssignmentId', r.Id).map((run) => toMinutes(run.ActualDuration)).filter((n): n is number => n !== undefined);
  return runs.length ? runs.reduce((a, b) => a + b, 0) : undefined;
}

/** AccumulatedActualDuration, EstimatedLessActualDuration (may be negative) and RemainingEstimate (never below 0). */
function durations(estimated: (r: Rec, env: Env) => unknown, actual: (r: Rec, env: Env) => number | undefined): FieldDef[] {
  const less = (r: Rec, env: Env): number | undefined => {
    const e = toMinutes(estimated(r, env));
    const a = actual(r, env);
    return e === undefined ? undefined : e - (a ?? 0);
  };
  return [
    { name: 'AccumulatedActualDuration', kind: 'number', get: actual },
    { name: 'EstimatedLessActualDuration', kind: 'number', get: less },
    { name: 'RemainingEstimate', kind: 'number', get: (r, env) => { const l = less(r, env); return l === undefined ? undefined : Math.max(0, l); } },
  ];
}

// ---- comments and external systems ---------------------------------------------------------------

/** Comment: the bodies of all the record's comments; LastComment: the newest one's. */
function comments(entity: string, fk: string): FieldDef[] {
  const of = (r: Rec, env: Env) => env.referencing(entity, fk, r.Id);
  return [
    { name: 'Comment', kind: 'string', get: (r, env) => of(r, env).map((c) => c.Body).filter((b) => typeof b === 'string' && b !== '') },
    {
      name: 'LastComment',
      kind: 'string',
      get: (r, env) => {
        let last: Rec | undefined;
        for (const c of of(r, env)) if (!last || String(c.CreatedAt ?? '') >= String(last.CreatedAt ?? '')) last = c;
        return last?.Body;
      },
    },
  ];
}

/** The ExternalSystemLink records a record is synchronised through: named on it, or set on its package or one above. */
type LinksOf = (r: Rec, env: Env) => Rec[];
const namedLinks: LinksOf = (r, env) =>
  (Array.isArray(r.ExternalSystemLinkIds) ? r.ExternalSystemLinkIds : []).map((id) => env.lookup('ExternalSystemLink', id)).filter((l): l is Rec => l !== undefined);
const packageLinks = (prop: string): LinksOf => (r, env) =>
  typeof r.PackageId === 'string' ? env.packageAndAncestors(r.PackageId).flatMap((p) => env.referencing('ExternalSystemLink', prop, p)) : [];

/**
 * Key and ExternalKey: the keys of the linked remote tickets (ExternalKeys, comma separated); ExternalId: the id in the
 * system the record came from (SourceId); ExternalUrl: the fake stores no remote URLs, so it is always empty;
 * LastSynchronizedAt: the latest synchronisation of the record's links.
 */
function external(links: LinksOf): FieldDef[] {
  const keys = (r: Rec): string[] => (typeof r.ExternalKeys === 'string' ? r.ExternalKeys.split(/[\s,;]+/).filter((k) => k !== '') : []);
  return [
    { name: 'Key', kind: 'string', get: keys },
    { name: 'ExternalKey', kind: 'string', get: keys },
    str('ExternalId', 'SourceId'),
    { name: 'ExternalUrl', kind: 'string', get: () => undefined },
    {
      name: 'LastSynchronizedAt',
      kind: 'date',
      get: (r, env) => links(r, env).map((l) => l.LastSynchronizedAt).filter((t): t is string => typeof t === 'string').sort().pop(),
    },
  ];
}

// ---- the relationship index ----------------------------------------------------------------------

const viewOf = (r: Rec) => r as RelationshipView;
/** RelationshipType records by lower-case Id and Key. */
const relationshipTypes = (env: Env): Map<string, Rec> =>
  env.memo('relationshipTypes', () => {
    const map = new Map<string, Rec>();
    for (const t of env.all('RelationshipType')) for (const k of [t.Id, t.Key]) if (typeof k === 'string') map.set(k.toLowerCase(), t);
    return map;
  });
const relationshipTypeRef: RefSpec = {
  resolve: (text, env) => {
    const out = [text.toLowerCase()];
    for (const [key, t] of relationshipTypes(env)) if (String(t.Name ?? '').toLowerCase() === text.toLowerCase()) out.push(key);
    return out;
  },
  display: (id, env) => (relationshipTypes(env).get(id)?.Name as string | undefined) ?? id,
};
const typeKey = (r: Rec) => lowerId(viewOf(r).relationship.RelationshipTypeKey);

/**
 * Fields of one relationship seen from one end. Inside `Relationships IN { ... }` they read the relationship at hand;
 * on an entity type they read all of the record's relationships (see `TABLES` below).
 */
const RELATIONSHIP_FIELDS: FieldDef[] = [
  { name: 'RelationshipId', kind: 'string', get: (r) => lowerId(viewOf(r).relationship.Id) },
  { name: 'RelationshipTypeKey', kind: 'string', get: (r) => viewOf(r).relationship.RelationshipTypeKey },
  { name: 'RelationshipType', kind: 'ref', get: typeKey, ref: relationshipTypeRef },
  { name: 'RelationshipDirection', kind: 'string', get: (r) => viewOf(r).relationship.RelationshipDirection },
  {
    // What the relationship says from this end ("Covers" from the script, "Covered By" from the requirement), its type's name and key.
    name: 'Relationship',
    kind: 'string',
    get: (r, env) => {
      const v = viewOf(r);
      const type = relationshipTypes(env).get(typeKey(r) ?? '');
      const label = type?.[v.fromSource ? 'SourceToDestinationLabel' : 'DestinationToSourceLabel'];
      return [label, type?.Name, v.relationship.RelationshipTypeKey].filter((x) => typeof x === 'string' && x !== '');
    },
  },
  // The fake stores direct relationships only: each is one step away.
  { name: 'RelationshipDepth', kind: 'number', get: () => 1 },
  { name: 'Destination', kind: 'string', get: (r) => lowerId(viewOf(r).relationship.DestinationEntityId) },
];
const RELATIONSHIP_BY_LOWER = new Map(RELATIONSHIP_FIELDS.map((d) => [d.name.toLowerCase(), d]));

/** A field of the relationship index (for a sub-select's scope), by name in any case. */
export function relationshipField(name: string): FieldDef | undefined {
  return RELATIONSHIP_BY_LOWER.get(name.toLowerCase());
}

/** The same field on an entity type: the values of every relationship of the record. */
const overRelationships = (def: FieldDef): FieldDef => ({
  ...def,
  get: (r, env) => env.relationshipsOf(r.Id).flatMap((v) => { const x = def.get(v, env); return x === undefined ? [] : x; }),
});

// Assignments and runs have no ProjectId of their own: ET derives it from the execution package.
const assignmentPackageId = (r: Rec, env: Env, assignmentEntity: string): unknown =>
  env.lookup(assignmentEntity, r.AssignmentId)?.PackageId;
const projectOfPackage = (packageId: unknown, env: Env): string | undefined =>
  lowerId(typeof packageId === 'string' ? env.packages().get(packageId.toLowerCase())?.ProjectId : undefined);

// ---- tables --------------------------------------------------------------------------------

function audit(): FieldDef[] {
  return [
    user('CreatedBy', 'CreatedById'),
    user('LastUpdatedBy', 'LastUpdatedById'),
    // The users who edited the record, as far as the fake knows: who made it and who changed it last.
    users('Editor', 'CreatedById', 'LastUpdatedById'),
    users('Editors', 'CreatedById', 'LastUpdatedById'),
    date('CreatedAt'),
    date('LastUpdatedAt'),
  ];
}

function workItem(statuses: string, types: string): FieldDef[] {
  return [
    id('Id'),
    text('Name'),
    text('Description'),
    pick('Status', 'StatusId', statuses),
    pick('Priority', 'PriorityId', 'Priorities'),
    pick('Type', 'TypeId', types),
    user('AssignedTo', 'AssignedToId'),
    user('Assignee', 'AssignedToId'),
    ...audit(),
    num('Number'),
    num('OrderNumber'),
    duration('EstimatedDuration'),
    project(),
    organisation(),
    pkg('Package', 'PackageId'),
    allPackages('AllPackages', 'PackageId'),
    text('ChangeComment'),
    bool('HasAttachments'),
    fieldValues(),
  ];
}

const scriptText = (): FieldDef[] => [text('Objective'), text('PreCondition'), text('PostCondition'), text('Notes')];

function packageTable(): FieldDef[] {
  return [
    id('Id'),
    text('Name'),
    project(),
    organisation(),
    pkg('Parent', 'ParentId'),
    pkg('ParentPackage', 'ParentId'),
    { name: 'ParentAndThisPackage', kind: 'ref', get: (r) => [lowerId(r.Id), lowerId(r.ParentId)].filter((x) => x !== undefined), ref: packageRef },
    allPackages('AllParents', 'ParentId'),
    allPackages('AllPackages', 'Id'),
    num('OrderNumber'),
  ];
}

function assignmentTable(testProp: string, testEntity: string, testField: string): FieldDef[] {
  return [
    id('Id'),
    text('Name'),
    str('Status'),
    user('AssignedTo', 'AssignedToId'),
    user('Assignee', 'AssignedToId'),
    pkg('Package', 'PackageId'),
    allPackages('AllPackages', 'PackageId'),
    derivedRef('Project', projectRef, (r, env) => projectOfPackage(r.PackageId, env)),
    organisation((r, env) => projectOfPackage(r.PackageId, env)),
    entityRef(testField, testProp, testEntity),
    id(`${testField}Id`, testProp),
    id('TestId', testProp),
    ...related('RequirementsCount', 'HasRequirements', linked('Requirement')),
  ];
}

function runTable(assignmentEntity: string): FieldDef[] {
  return [
    id('Id'),
    str('Status'),
    user('RunBy', 'RunById'),
    entityRef('Assignment', 'AssignmentId', assignmentEntity),
    id('AssignmentId'),
    derivedRef('Package', packageRef, (r, env) => lowerId(assignmentPackageId(r, env, assignmentEntity))),
    derivedRef('Project', projectRef, (r, env) => projectOfPackage(assignmentPackageId(r, env, assignmentEntity), env)),
    organisation((r, env) => projectOfPackage(assignmentPackageId(r, env, assignmentEntity), env)),
    duration('ActualDuration'),
  ];
}

const TABLES: Record<EntityType, FieldDef[]> = {
  Script: [
    ...workItem('Statuses', 'TestTypes'),
    ...scriptText(),
    ...related('AssignmentsCount', 'HasAssignments', through('ScriptAssignment', 'ScriptId')),
    ...related('AttachmentCount', undefined, through('ScriptAttachment', 'ScriptId')),
    ...related('RequirementsCount', 'HasRequirements', linked('Requirement')),
    ...related(undefined, 'ProvidesCoverage', linked('Requirement')),
    ...related('IncidentCount', 'HasIncidents', union(via('ScriptRun', 'ScriptId', runIncidents), linked('Incident'))),
    ...external(packageLinks('TestScriptPackageId')),
  ],
  Requirement: [
    ...workItem('RequirementStatuses', 'RequirementTypes'),
    pick('DifficultyLevel', 'DifficultyLevelId', 'RequirementDifficulties'),
    pick('Difficulty', 'DifficultyLevelId', 'RequirementDifficulties'),
    entityRef('Parent', 'ParentId', 'Requirement'),
    ...related('AttachmentCount', undefined, through('RequirementAttachment', 'RequirementId')),
    ...related(undefined, 'HasCoverage', linked('Script')),
    ...related(undefined, 'HasScripts', linked('Script')),
    ...related('AssignmentsCount', 'HasAssignments', linked('ScriptAssignment', 'AutomatedTestAssignment')),
    ...related('AutomatedTestsCount', 'HasAutomatedTests', linked('AutomatedTest')),
    ...related('AgileRunsCount', 'HasAgileRuns', linked('AgileRun')),
    ...related('IncidentCount', 'HasIncidents', linked('Incident')),
    ...external(packageLinks('RequirementPackageId')),
  ],
  AgileRun: [
    ...workItem('Statuses', 'TestTypes'),
    ...scriptText(),
    str('ExecutionStatus'),
    duration('ActualDuration'),
    str('ExternalId', 'SourceId'),
    ...durations((r) => r.EstimatedDuration, (r) => toMinutes(r.ActualDuration)),
    ...executionTotals(agileTotals, ...MANUAL_OUTCOMES),
    ...related('AttachmentCount', undefined, through('AgileRunStepAttachment', 'RunId')),
    ...related('IncidentCount', 'HasIncidents', union(through('AgileRunStepIncident', 'RunId', 'IncidentId'), linked('Incident'))),
    ...related('RequirementsCount', 'HasRequirements', linked('Requirement')),
  ],
  AutomatedTest: [
    id('Id'), text('Name'), str('Type'), user('AssignedTo', 'AssignedToId'), ...audit(),
    num('OrderNumber'), project(), organisation(), pkg('Package', 'PackageId'), allPackages('AllPackages', 'PackageId'),
    ...related('AssignmentsCount', 'HasAssignments', through('AutomatedTestAssignment', 'AutomatedTestId')),
    ...related('RequirementsCount', 'HasRequirements', linked('Requirement')),
  ],
  Incident: [
    id('Id'),
    text('Summary'),
    text('Name', 'Summary'),
    text('Description'),
    num('Number', 'IncidentNumber'),
    pick('Status', 'StatusId', 'IncidentStatuses'),
    pick('Priority', 'PriorityId', 'Priorities'),
    pick('Type', 'TypeId', 'IncidentTypes'),
    pick('Resolution', 'ResolutionId', 'IncidentResolutions'),
    multiPick('Component', 'ComponentIds', 'Components'),
    multiPick('AffectedVersion', 'AffectedVersionIds', 'Versions'),
    multiPick('FixedVersion', 'FixedVersionIds', 'Versions'),
    user('AssignedTo', 'AssignedToId'),
    user('Assignee', 'AssignedToId'),
    user('RaisedBy', 'CreatedById'),
    ...audit(),
    project(),
    organisation(),
    bool('HasAttachments'),
    fieldValues(),
    ...comments('IncidentComment', 'IncidentId'),
    ...related('AttachmentCount', undefined, through('IncidentAttachment', 'IncidentId')),
    ...related('RequirementsCount', 'HasRequirements', linked('Requirement')),
    ...related(undefined, 'HasScripts', linked('Script')),
    ...external(namedLinks),
  ],
  ScriptAssignment: [
    ...assignmentTable('ScriptId', 'Script', 'Script'),
    ...executionTotals(assignmentTotals, ...MANUAL_OUTCOMES),
    ...durations((r, env) => env.lookup('Script', r.ScriptId)?.EstimatedDuration, accumulated),
    ...related('IncidentCount', 'HasIncidents', union(via('ScriptRun', 'AssignmentId', runIncidents), linked('Incident'))),
  ],
  AutomatedTestAssignment: [
    ...assignmentTable('AutomatedTestId', 'AutomatedTest', 'AutomatedTest'),
    ...executionTotals(storedTotals, ...AUTOMATED_OUTCOMES),
    ...related('IncidentCount', 'HasIncidents', union(via('AutomatedTestRun', 'AssignmentId', automatedRunIncidents), linked('Incident'))),
  ],
  ScriptPackage: [
    ...packageTable(),
    ...related(undefined, 'HasScripts', inPackages('Script')),
    ...related('AutomatedTestsCount', 'HasAutomatedTests', inPackages('AutomatedTest')),
  ],
  RequirementPackage: [...packageTable(), ...related('RequirementsCount', 'HasRequirements', inPackages('Requirement'))],
  ExecutionPackage: [
    ...packageTable(),
    str('Stereotype'),
    ...related('AssignmentsCount', 'HasAssignments', inPackages('ScriptAssignment', 'AutomatedTestAssignment')),
    ...related('AgileRunsCount', 'HasAgileRuns', inPackages('AgileRun')),
    ...executionTotals(packageTotals, ...MANUAL_OUTCOMES),
  ],
  ScriptRun: [
    ...runTable('ScriptAssignment'),
    ...audit(),
    entityRef('Script', 'ScriptId', 'Script'),
    id('ScriptId'),
    bool('Completed'),
    fieldValues(),
    runNumber('ScriptRun', 'CreatedAt'),
    ...executionTotals(runTotals, ...MANUAL_OUTCOMES),
    ...related('AttachmentCount', undefined, via('StepResult', 'RunId', through('StepResultAttachment', 'StepResultId'))),
    ...related('IncidentCount', 'HasIncidents', union(runIncidents, linked('Incident'))),
  ],
  AutomatedTestRun: [
    ...runTable('AutomatedTestAssignment'),
    date('ImportedAt'),
    date('StartedAt'),
    date('FinishedAt'),
    runNumber('AutomatedTestRun', 'ImportedAt'),
    ...executionTotals(storedTotals, ...AUTOMATED_OUTCOMES),
    ...related('AttachmentCount', undefined, union(through('AutomatedTestRunAttachment', 'RunId'), through('AutomatedTestRunNodeAttachment', 'RunId'))),
    ...related('IncidentCount', 'HasIncidents', union(automatedRunIncidents, linked('Incident'))),
  ],
};

// Every entity type also reads the relationship index over all of a record's relationships.
for (const defs of Object.values(TABLES)) defs.push(...RELATIONSHIP_FIELDS.map(overRelationships));

const INDEX = new Map<string, Map<string, FieldDef>>();
for (const [entity, defs] of Object.entries(TABLES)) {
  const byLower = new Map<string, FieldDef>();
  for (const d of defs) {
    if (byLower.has(d.name.toLowerCase())) throw new Error(`fields.ts: ${entity} names the field ${d.name} twice`);
    byLower.set(d.name.toLowerCase(), d);
  }
  INDEX.set(entity, byLower);
}
const KNOWN = new Set([...INDEX.values()].flatMap((m) => [...m.keys()]));

/** Names the compiler handles itself, valid on every entity type. */
export const SPECIAL_FIELDS = new Set(['entitytype', 'text', 'relationships']);

/** The built-in field `name` of `entity` (case-insensitive), if it has one. */
export function builtinField(entity: string, name: string): FieldDef | undefined {
  return INDEX.get(entity)?.get(name.toLowerCase());
}

/** True when some entity type has a built-in field of that name. */
export function isKnownBuiltin(name: string): boolean {
  return KNOWN.has(name.toLowerCase()) || SPECIAL_FIELDS.has(name.toLowerCase());
}

/** Built-in fields of `entity` that the `Text` pseudo-field searches. */
export function fullTextFields(entity: string): FieldDef[] {
  return [...(INDEX.get(entity)?.values() ?? [])].filter((d) => d.fullText);
}

/** A custom field, read from the record's `FieldValues` by name (case-insensitive). */
export function customField(name: string): FieldDef {
  const lower = name.toLowerCase();
  return {
    name,
    kind: 'custom',
    get: (r) => {
      const values = r.FieldValues;
      if (typeof values !== 'object' || values === null) return undefined;
      const direct = (values as Record<string, unknown>)[name];
      if (direct !== undefined) return direct;
      for (const key of Object.keys(values)) if (key.toLowerCase() === lower) return (values as Record<string, unknown>)[key];
      return undefined;
    },
  };
}

/** Every custom field value of a record (for `Text ~`). */
export function customValues(rec: Rec): unknown[] {
  const values = rec.FieldValues;
  return typeof values === 'object' && values !== null ? Object.values(values) : [];
}
