// GET /api/attachment/{id}/contents: the bytes of an uploaded attachment, with the type they came with. An
// attachment of the demo data has no stored bytes: it answers the documented example, as text.
import type { EtCall } from '../call.ts';
import type { Engine } from '../engine.ts';
import { HttpError } from '../errors.ts';
import { CONTENT_ENTITY } from '../handlers/attachments.ts';
import type { OperationSpec } from '../spec.ts';

export const attachmentContents = (op: OperationSpec, engine: Engine) => {
  const attachmentEntities = [...engine.catalog.byName.values()].filter((d) => d.links.some((l) => /\/api\/attachment\/\{Id\}\/contents$/i.test(l.href))).map((d) => d.name);
  const documented = op.exampleBodies.get(200);
  return (call: EtCall): Response => {
    const id = call.params[op.params[0]!]!;
    const stored = call.engine.store.collection(CONTENT_ENTITY).get(id);
    if (stored) return new Response(Buffer.from(String(stored.Base64), 'base64'), { headers: { 'content-type': String(stored.ContentType) } });
    const known = attachmentEntities.some((e) => call.engine.store.collection(e).get(id));
    if (known && typeof documented === 'string') return new Response(documented, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
    throw new HttpError(404, `No attachment with the Id '${id}' exists.`);
  };
};
