// ET's "Execute Only My Tests": a tester who holds it, and no wider execution permission, may run and record
// only the assignments given to them. The assignment is found from the record the call addresses (a run,
// a step result, an attachment...) by following its references up to the first record with AssignedToId.
import { itemId, type EtCall } from '../../engine/call.ts';
import type { Engine } from '../../engine/engine.ts';
import type { Rec } from '../../engine/store-types.ts';
import type { HeldPermissions } from '../../accounts/held.ts';
import { keyOf } from '../../accounts/held.ts';

const ONLY_MINE = 'testmanagement/manageexecutions/executeonlymytests';
const MAX_HOPS = 8;

/** The user an execution record belongs to: the AssignedToId of its assignment (or its own). */
function assigneeOf(engine: Engine, entity: string, rec: Rec, hops = 0): string | null | undefined {
  if ('AssignedToId' in rec) return typeof rec.AssignedToId === 'string' ? rec.AssignedToId.toLowerCase() : null;
  if (hops >= MAX_HOPS) return undefined;
  const refs = engine.catalog.get(entity)?.references ?? {};
  for (const field of ['AssignmentId', 'RunId', 'StepResultId', 'NodeId', 'ParentId']) {
    const target = refs[field];
    const id = rec[field];
    if (!target || typeof id !== 'string') continue;
    const next = engine.store.collection(target).get(id);
    if (next && next !== rec) return assigneeOf(engine, target, next, hops + 1);
  }
  return undefined;
}

function addressed(call: EtCall): { entity: string; rec: Rec } | undefined {
  const { op, engine } = call;
  if (op.kind === 'item' && op.entity && op.params.length) {
    const rec = engine.store.collection(op.entity).get(itemId(call));
    if (rec) return { entity: op.entity, rec };
  }
  if (op.parent) {
    const rec = engine.store.collection(op.parent.entity).get(call.params[op.parent.param] ?? '');
    if (rec) return { entity: op.parent.entity, rec };
  }
  return undefined;
}

/** A refusal when the caller may run only its own tests and this one is someone else's; undefined otherwise. */
export function onlyMyTestsProblem(call: EtCall, held: HeldPermissions, required: string[], projectId: string | undefined): string | undefined {
  if (!namesOnlyMine(required)) return undefined;
  const wider = required.filter((k) => keyOf(k) !== ONLY_MINE);
  if (wider.length && held.allows(wider, projectId)) return undefined;
  const target = addressed(call);
  if (!target) return undefined;
  const assignee = assigneeOf(call.engine, target.entity, target.rec);
  if (assignee === undefined || assignee === call.user?.Id.toLowerCase()) return undefined;
  return 'You may only run tests assigned to you (TestManagement/ManageExecutions/ExecuteOnlyMyTests), and this one is not; running it requires TestManagement/ManageExecutions/ExecuteAllTests.';
}

/** Whether a permission list includes ExecuteOnlyMyTests; lists come from the spec, so the answer is kept. */
function namesOnlyMine(required: string[]): boolean {
  let answer = onlyMineByList.get(required);
  if (answer === undefined) onlyMineByList.set(required, (answer = required.some((k) => keyOf(k) === ONLY_MINE)));
  return answer;
}
const onlyMineByList = new WeakMap<string[], boolean>();
