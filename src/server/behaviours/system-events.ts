// DELETE /api/systemevents?linkId=...&documentId=...: ET clears the synchronisation log of one link, or of one
// document synchronised through it, not the whole log. The link must exist (404 otherwise); without a linkId
// or a documentId the call names nothing to delete and is refused.
import type { EtCall } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { HttpError } from '../http/errors.ts';
import { entityOf } from '../engine/handlers/lookup.ts';
import type { OperationSpec } from '../spec/operations.ts';

const same = (a: unknown, b: string) => String(a ?? '').toLowerCase() === b.toLowerCase();

/** The query parameter by name, whatever its case (ET's query parameters are case-insensitive). */
function param(call: EtCall, name: string): string | undefined {
  for (const [k, v] of call.query) if (k.toLowerCase() === name.toLowerCase() && v.trim()) return v.trim();
  return undefined;
}

export const deleteSystemEvents = (op: OperationSpec, _engine: Engine) => (call: EtCall): Response => {
  const def = entityOf(call);
  const linkId = param(call, 'linkId');
  const documentId = param(call, 'documentId');
  if (!linkId && !documentId) throw new HttpError(403, 'Name the events to delete: linkId (a link\'s events) and/or documentId (one document\'s).');
  if (linkId && !call.engine.store.collection('ExternalSystemLink').get(linkId)) throw new HttpError(404, `No external system link has the Id '${linkId}'.`);
  const col = call.engine.store.collection(def.name);
  const doomed = (linkId ? col.where('LinkId', linkId) : Array.from(col.values())).filter(
    (e) => (!linkId || same(e.LinkId, linkId)) && (!documentId || same(e.DocumentId, documentId)),
  );
  for (const event of doomed) col.remove(event.Id);
  return new Response(null, { status: op.statuses.find((s) => s >= 200 && s < 300) ?? 200 });
};
