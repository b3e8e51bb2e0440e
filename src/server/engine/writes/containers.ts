// ET's rule that project records are created inside something: a script, requirement, agile run, automated
// test or assignment in a package (PackageId), a package or incident in a project (ProjectId, or a ParentId of
// its own kind for a sub-package). A child takes its project from its container (records.ts); a create is
// refused only when no container is given or the one given does not exist, in ET's words for either.
import type { EntityDef } from '../../spec/entities.ts';

const containers = new WeakMap<EntityDef, readonly string[] | undefined>();

/** The fields of which a create must give one, or undefined when the entity lives outside projects. */
export function containerFields(def: EntityDef): readonly string[] | undefined {
  // A function of the model alone, asked on every create: worked out once per entity.
  if (containers.has(def)) return containers.get(def);
  const fields = containerFieldsOf(def);
  containers.set(def, fields && Object.freeze(fields));
  return fields;
}

function containerFieldsOf(def: EntityDef): string[] | undefined {
  const refs = def.references;
  const selfParent = refs.ParentId === def.name ? ['ParentId'] : [];
  if (refs.PackageId) return ['PackageId', ...selfParent];
  // Packages live in a project; other records need a project only where the model requires one (a link
  // between systems, say, may name none).
  if (refs.ProjectId && (selfParent.length || def.required.has('ProjectId'))) return ['ProjectId', ...selfParent];
  return undefined;
}

/** What ET calls a record in these sentences: "agile run", "script"; an assignment or package by that word. */
export function nounOf(def: EntityDef): string {
  const words = def.name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const last = words.split(' ').pop()!;
  return last === 'assignment' || last === 'package' ? last : words;
}

/** ET's refusal of a create whose container is missing or unknown. */
export function containerRefusal(def: EntityDef, fields: readonly string[]): string {
  if (fields.length > 1) return `You must specify either a ${fields[0]} or a ${fields[1]} for the new ${nounOf(def)}.`;
  return `You must specify a valid ${fields[0]} which the ${nounOf(def)} can be added to.`;
}
