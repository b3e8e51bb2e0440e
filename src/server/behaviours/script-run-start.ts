// POST /api/scriptassignment/{id}/runs: the assignment's current run (its latest) answers 200 while it is not
// complete; otherwise a new run (201, "In Progress" as ET's page shows it, and so is the assignment) whose step
// results copy the script's steps, all NotRun. The tester is TesterId or the caller. ET's page: "the state of the current run is complete, so ... creating a new run".
import { randomUUID } from 'node:crypto';
import type { EtCall } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { HttpError } from '../http/errors.ts';
import { parseExpand } from '../engine/hypermedia.ts';
import { json } from '../http/responses.ts';
import { nowIso, userName } from '../engine/records.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec } from '../engine/store-types.ts';
import { runModel } from './script-runs.ts';

/** What a new run's step result copies from its script's step. */
export const STEP_COPIED_FIELDS = ['Description', 'ExpectedResult', 'Data', 'Notes'] as const;

async function optionalBody(call: EtCall): Promise<Record<string, unknown>> {
  const text = await call.c.req.text();
  if (!text.trim()) return {};
  try {
    const body = JSON.parse(text);
    return body && typeof body === 'object' && !Array.isArray(body) ? body : {};
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

/** The run created last (CreatedAt; a tie goes to the one stored later, which was made later). */
function latestRun(runs: Rec[]): Rec | undefined {
  let latest: Rec | undefined;
  for (const run of runs) if (!latest || String(run.CreatedAt ?? '') >= String(latest.CreatedAt ?? '')) latest = run;
  return latest;
}

export const scriptRunStart = (op: OperationSpec, engine: Engine) => {
  const m = runModel(engine, op);
  const param = op.parent?.param ?? op.params[0]!;
  return async (call: EtCall): Promise<Response> => {
    const { store, presenter } = call.engine;
    const assignmentId = call.params[param]!;
    const assignment = store.collection(m.assignment).get(assignmentId);
    if (!assignment) throw new HttpError(404, `No ${m.assignment} with the Id '${assignmentId}' exists.`);
    const body = await optionalBody(call);
    const expand = parseExpand(call.query.get('$expand'));
    const runs = store.collection(m.run);
    const current = latestRun(runs.where(m.runAssignmentKey, assignment.Id));
    if (current && current.Completed !== true) return json(presenter.present(m.run, current, call.base, expand), 200);

    let tester: Rec | undefined = call.user;
    if (body.TesterId !== undefined && body.TesterId !== null) {
      tester = store.collection('User').get(String(body.TesterId));
      if (!tester) throw new HttpError(403, `You must specify a valid TesterId: no User has the Id '${String(body.TesterId)}'.`);
    }
    const script = typeof assignment.ScriptId === 'string' ? store.collection(m.script).get(assignment.ScriptId) : undefined;
    const now = nowIso();
    const run: Rec = {
      Id: randomUUID(),
      AssignmentId: assignment.Id,
      ScriptId: assignment.ScriptId ?? null,
      ScriptVersion: typeof script?.VersionNumber === 'number' ? script.VersionNumber : 1,
      Status: 'In Progress',
      Completed: false,
      ActualDuration: null,
      RunById: tester?.Id ?? null,
      RunBy: userName(tester) ?? null,
      CreatedAt: now,
      CreatedById: call.user?.Id ?? null,
      CreatedBy: userName(call.user) ?? null,
      LastUpdatedAt: now,
      LastUpdatedById: call.user?.Id ?? null,
      LastUpdatedBy: userName(call.user) ?? null,
      FieldValues: body.FieldValues && typeof body.FieldValues === 'object' ? body.FieldValues : {},
    };
    if (m.runAssignmentKey !== 'AssignmentId') run[m.runAssignmentKey] = assignment.Id;
    const saved = runs.insert(keepDeclared(call.engine, m.run, run));
    const steps = store.collection(m.steps.entity);
    for (const step of (Array.isArray(script?.Steps) ? script.Steps : []) as Record<string, unknown>[]) {
      steps.insert({
        Id: randomUUID(),
        [m.steps.foreignKey]: saved.Id,
        ...Object.fromEntries(STEP_COPIED_FIELDS.map((f) => [f, step[f] ?? null])),
        ActualResult: null,
        Outcome: 'NotRun',
        HasIncidents: false,
        HasAttachments: false,
      });
    }
    if (call.engine.catalog.get(m.assignment)?.properties.has('Status')) store.collection(m.assignment).update(assignment.Id, { Status: 'In Progress' });
    const out = presenter.present(m.run, saved, call.base, expand);
    return json(out, 201, typeof out.Self === 'string' ? { Location: out.Self } : undefined);
  };
};

/** Drops fields the run model does not declare (so responses stay within the spec). */
function keepDeclared(engine: Engine, entity: string, rec: Rec): Rec {
  const def = engine.catalog.get(entity);
  if (!def || !def.properties.size) return rec;
  const out: Rec = { Id: rec.Id };
  for (const [k, v] of Object.entries(rec)) if (def.properties.has(k) || def.hiddenFields.has(k)) out[k] = v;
  return out;
}
