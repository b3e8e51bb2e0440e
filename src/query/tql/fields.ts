// TQL field names per entity type, mapped onto stored record properties.
// ONE table per entity type; every other module asks `fieldFor(entity, name)`.
import type { Env } from '../env.ts';
import type { EntityType } from './entities.ts';
import type { Rec } from '../types.ts';

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
    num('EstimatedDuration'),
    project(),
    pkg('Package', 'PackageId'),
    allPackages('AllPackages', 'PackageId'),
    text('ChangeComment'),
    bool('HasAttachments'),
  ];
}

const scriptText = (): FieldDef[] => [text('Objective'), text('PreCondition'), text('PostCondition'), text('Notes')];

function packageTable(): FieldDef[] {
  return [
    id('Id'),
    text('Name'),
    project(),
    pkg('Parent', 'ParentId'),
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
    entityRef(testField, testProp, testEntity),
    id(`${testField}Id`, testProp),
    id('TestId', testProp),
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
    num('ActualDuration'),
  ];
}

const TABLES: Record<EntityType, FieldDef[]> = {
  Script: [...workItem('Statuses', 'TestTypes'), ...scriptText()],
  Requirement: [
    ...workItem('RequirementStatuses', 'RequirementTypes'),
    pick('DifficultyLevel', 'DifficultyLevelId', 'RequirementDifficulties'),
    entityRef('Parent', 'ParentId', 'Requirement'),
  ],
  AgileRun: [...workItem('Statuses', 'TestTypes'), ...scriptText(), str('ExecutionStatus'), num('ActualDuration')],
  AutomatedTest: [
    id('Id'), text('Name'), str('Type'), user('AssignedTo', 'AssignedToId'), ...audit(),
    num('OrderNumber'), project(), pkg('Package', 'PackageId'), allPackages('AllPackages', 'PackageId'),
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
    bool('HasAttachments'),
  ],
  ScriptAssignment: assignmentTable('ScriptId', 'Script', 'Script'),
  AutomatedTestAssignment: assignmentTable('AutomatedTestId', 'AutomatedTest', 'AutomatedTest'),
  ScriptPackage: packageTable(),
  RequirementPackage: packageTable(),
  ExecutionPackage: [...packageTable(), str('Stereotype')],
  ScriptRun: [
    ...runTable('ScriptAssignment'),
    ...audit(),
    entityRef('Script', 'ScriptId', 'Script'),
    id('ScriptId'),
    bool('Completed'),
  ],
  AutomatedTestRun: [...runTable('AutomatedTestAssignment'), date('ImportedAt'), date('StartedAt'), date('FinishedAt')],
};

const INDEX = new Map<string, Map<string, FieldDef>>();
for (const [entity, defs] of Object.entries(TABLES)) {
  INDEX.set(entity, new Map(defs.map((d) => [d.name.toLowerCase(), d])));
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
