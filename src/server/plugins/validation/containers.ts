// ET's rule that project records are created inside something: a script, requirement, agile run or automated
// test in a package (PackageId), a package or incident in a project (ProjectId, or a ParentId of its own kind
// for a sub-package). The engine checks that the ids exist; this checks that one is given at all.
import type { EtCall } from '../../engine/call.ts';
import type { EntityDef } from '../../spec/entities.ts';
import { message } from '../../http/responses.ts';

const given = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/** The fields of which a create must give one, or undefined when the entity lives outside projects. */
export function containerFields(def: EntityDef, required: string[]): string[] | undefined {
  const refs = def.references;
  const selfParent = refs.ParentId === def.name ? ['ParentId'] : [];
  if (refs.PackageId) return ['PackageId', ...selfParent];
  // Packages live in a project; other records need a project only where the model requires one (a link
  // between systems, say, may name none).
  if (refs.ProjectId && (selfParent.length || required.includes('ProjectId'))) return ['ProjectId', ...selfParent];
  return undefined;
}

/** Only top-level creates: sub-collections take their container from the path. */
const isTopLevelCreate = (call: EtCall) =>
  call.op.method === 'POST' && call.op.kind === 'collection' && !call.op.params.length && !call.op.behaviour && !(call.op.envelopeResponse && !call.op.statuses.includes(201));

export function containerProblem(call: EtCall, body: Record<string, unknown> | undefined): Response | undefined {
  if (!body || !isTopLevelCreate(call) || !call.op.entity) return undefined;
  const def = call.engine.catalog.get(call.op.entity);
  const required: string[] = (call.engine.spec.components?.schemas?.[call.op.entity]?.required as string[] | undefined) ?? [];
  const fields = def && containerFields(def, required);
  if (!fields || fields.some((f) => given(body[f]))) return undefined;
  const what = def!.name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const into = fields[0] === 'PackageId' ? 'package' : 'project';
  const alt = fields.length > 1 ? ` (or a ParentId for one inside another ${what})` : '';
  return message(403, `You must specify a valid ${fields[0]}${alt}: the ${into} the new ${what} is added to.`);
}
