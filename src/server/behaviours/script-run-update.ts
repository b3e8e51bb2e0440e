// PUT /api/scriptrun/{id}: records step outcomes, custom field values and the duration, and derives the
// run's Status from the outcomes. A completed run still takes field values and duration, never outcomes.
import type { EtCall } from '../engine/call.ts';
import { itemId, jsonBody } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { HttpError } from '../http/errors.ts';
import { parseExpand } from '../engine/hypermedia.ts';
import { json } from '../http/responses.ts';
import { stampUpdated } from '../engine/records.ts';
import type { OperationSpec } from '../spec/operations.ts';
import { deriveRunStatus, OUTCOMES, runModel } from './script-runs.ts';

const STEP_TEXT_FIELDS = ['ActualResult', 'Notes'];

export const scriptRunUpdate = (op: OperationSpec, engine: Engine) => {
  const m = runModel(engine, op);
  return async (call: EtCall): Promise<Response> => {
    const { store, presenter, catalog } = call.engine;
    const runs = store.collection(m.run);
    const id = itemId(call);
    const run = runs.get(id);
    if (!run) throw new HttpError(404, `No ${m.run} with the Id '${id}' exists.`);
    const body = await jsonBody(call);
    const stepCol = store.collection(m.steps.entity);
    const steps = stepCol.where(m.steps.foreignKey, run.Id);
    const stepById = new Map(steps.map((s) => [s.Id.toLowerCase(), s]));

    // Validate everything before the first write.
    const stepChanges: { id: string; patch: Record<string, unknown> }[] = [];
    if (body.StepResults !== undefined && body.StepResults !== null) {
      if (!Array.isArray(body.StepResults)) throw new HttpError(403, 'StepResults must be an array of step results.');
      for (const s of body.StepResults as Record<string, unknown>[]) {
        const step = typeof s?.Id === 'string' ? stepById.get(s.Id.toLowerCase()) : undefined;
        if (!step) throw new HttpError(403, `The step result '${String(s?.Id)}' does not belong to run '${run.Id}'.`);
        const patch: Record<string, unknown> = {};
        if (s.Outcome !== undefined && s.Outcome !== step.Outcome) {
          if (typeof s.Outcome !== 'string' || !OUTCOMES.includes(s.Outcome))
            throw new HttpError(403, `Outcome must be one of ${OUTCOMES.join(', ')}.`);
          if (run.Completed === true) throw new HttpError(403, 'This run is complete: its step outcomes can no longer be changed.');
          patch.Outcome = s.Outcome;
        }
        for (const f of STEP_TEXT_FIELDS) if (s[f] !== undefined) patch[f] = s[f];
        if (Object.keys(patch).length) stepChanges.push({ id: step.Id, patch });
      }
    }
    if (body.FieldValues !== undefined && body.FieldValues !== null && (typeof body.FieldValues !== 'object' || Array.isArray(body.FieldValues)))
      throw new HttpError(403, 'FieldValues must be an object of custom field values keyed by field name.');

    for (const c of stepChanges) stepCol.update(c.id, c.patch);
    const outcomes = stepCol.where(m.steps.foreignKey, run.Id).map((s) => String(s.Outcome ?? 'NotRun'));
    const patch: Record<string, unknown> = {};
    if (body.FieldValues) patch.FieldValues = { ...((run.FieldValues as object) ?? {}), ...(body.FieldValues as object) };
    if (body.ActualDuration !== undefined) patch.ActualDuration = body.ActualDuration;
    if (run.Completed !== true) {
      patch.Status = deriveRunStatus(outcomes);
      if (body.AttemptToComplete === true && !outcomes.includes('NotRun')) patch.Completed = true;
    }
    const def = catalog.get(m.run);
    if (def) stampUpdated(call, def, patch);
    const updated = runs.update(run.Id, patch) ?? run;
    if (patch.Status !== undefined && catalog.get(m.assignment)?.properties.has('Status') && typeof run.AssignmentId === 'string')
      store.collection(m.assignment).update(run.AssignmentId, { Status: patch.Status });
    return json(presenter.present(m.run, updated, call.base, parseExpand(call.query.get('$expand'))));
  };
};
