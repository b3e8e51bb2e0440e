// Generic item endpoints: GET, PUT (changes the fields given), PATCH (verbs or a plain model).
import type { EtCall } from '../call.ts';
import { jsonBody } from '../call.ts';
import { parseExpand } from '../hypermedia.ts';
import { json, noContent } from '../../http/responses.ts';
import { buildPatch, raiseVersion, refreshDenormalisedNames, stampUpdated } from '../records.ts';
import { applyPatchVerbs, isVerbDocument } from './patch-verbs.ts';
import { entityOf, findItem } from './lookup.ts';

export function getItem(call: EtCall): Response {
  const def = entityOf(call);
  const rec = findItem(call, def);
  return json(call.engine.presenter.present(def.name, rec, call.base, parseExpand(call.query.get('$expand'))));
}

export async function putItem(call: EtCall): Promise<Response> {
  const def = entityOf(call);
  const rec = findItem(call, def);
  const body = await jsonBody(call);
  const updated = call.engine.store.collection(def.name).update(rec.Id, buildPatch(call, def, body, rec.Id)) ?? rec;
  refreshDenormalisedNames(call, def.name, rec, updated);
  // 200 as a rule; an operation documented with another success status (ET 6.1 lists 201 for a few) answers that.
  const s = call.op.statuses;
  const status = s.includes(200) ? 200 : (s.find((x) => x >= 200 && x < 300) ?? 200);
  if (s.includes(status) && !call.op.bodyStatuses.has(status)) return new Response(null, { status });
  return json(call.engine.presenter.present(def.name, updated, call.base, parseExpand(call.query.get('$expand'))), status);
}

export async function patchItem(call: EtCall): Promise<Response> {
  const def = entityOf(call);
  const rec = findItem(call, def);
  const body = await jsonBody(call);
  const col = call.engine.store.collection(def.name);
  if (isVerbDocument(body)) {
    const fields = call.engine.store.collection('CustomField');
    const changes = applyPatchVerbs(rec, body, (name) => {
      const field = fields.where('Name', name)[0];
      return typeof field?.Name === 'string' ? field.Name : undefined;
    });
    raiseVersion(call, def, rec.Id, changes);
    stampUpdated(call, def, changes);
    col.update(rec.Id, changes);
    return noContent();
  }
  const updated = col.update(rec.Id, buildPatch(call, def, body, rec.Id)) ?? rec;
  refreshDenormalisedNames(call, def.name, rec, updated);
  const s = call.op.statuses;
  if (s.includes(204) && !s.includes(200)) return noContent();
  return json(call.engine.presenter.present(def.name, updated, call.base));
}
