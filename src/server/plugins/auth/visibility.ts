// What a caller may see in collections and search: records outside projects always; records in a project
// only where the caller holds the operation's permission (globally, or through that project's grants).
import type { EtCall } from '../../engine/call.ts';
import type { Rec } from '../../engine/store-types.ts';
import { heldBy } from './request-user.ts';
import { projectOf } from './scope.ts';

export function visibleRecords(call: EtCall, entity: string): ((rec: Rec) => boolean) | undefined {
  const held = heldBy(call);
  if (!held) return undefined;
  const required = call.op.permissions;
  if (held.allowsEverywhere(required)) return undefined;
  const projects = held.projectsAllowing(required);
  const { engine } = call;
  return (rec) => {
    const p = projectOf(engine, entity, rec);
    return p === null || projects.has(p);
  };
}
