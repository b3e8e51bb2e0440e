// ET's entity types as TQL names them: canonical names, accepted aliases and the
// lower-case keys ET uses for them in aggregate results.
import type { Rec } from '../types.ts';

export const ENTITY_TYPES = [
  'Requirement',
  'Script',
  'ScriptAssignment',
  'Incident',
  'AgileRun',
  'AutomatedTest',
  'AutomatedTestAssignment',
  'ScriptPackage',
  'RequirementPackage',
  'ExecutionPackage',
  'ScriptRun',
  'AutomatedTestRun',
] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];

export const PACKAGE_TYPES = ['ScriptPackage', 'RequirementPackage', 'ExecutionPackage'] as const;

const ALIASES: Record<string, EntityType> = {};
for (const name of ENTITY_TYPES) ALIASES[name.toLowerCase()] = name;
ALIASES['testscript'] = 'Script';
ALIASES['testscriptassignment'] = 'ScriptAssignment';
ALIASES['manualtest'] = 'Script';

/** The canonical entity type for a TQL value or stored type name (case-insensitive), or undefined. */
export function canonicalEntity(name: string): EntityType | undefined {
  return ALIASES[name.toLowerCase().replace(/\s+/g, '')];
}

/** ET's lower-case key for an entity type in GROUP BY EntityType results (scripts are "testscript"). */
export function entityGroupKey(entity: string): string {
  return GROUP_KEYS.get(entity) ?? entity.toLowerCase();
}

const GROUP_KEYS = new Map<string, string>(ENTITY_TYPES.map((e) => [e, e.toLowerCase()]));
GROUP_KEYS.set('Script', 'testscript');
GROUP_KEYS.set('ScriptAssignment', 'testscriptassignment');

/** Path of the ET web UI page for a record, relative to ET's root (format=grid EditLink). */
export function editLink(entity: string, rec: Rec): string {
  return `/#/${entity.toLowerCase()}/${rec.Id}`;
}
