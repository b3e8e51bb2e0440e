// GET /api/attachment/{id}/contents: the bytes of an uploaded attachment, with the type they came with and its
// file name as a download (Content-Disposition). An attachment of the demo data has no stored bytes: it answers
// the documented example, as text.
import type { EtCall } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { HttpError } from '../http/errors.ts';
import { CONTENT_ENTITY } from '../engine/handlers/attachments.ts';
import type { OperationSpec } from '../spec/operations.ts';

/** `attachment; filename="..."`, with the UTF-8 form as well for names a plain header cannot carry. */
function contentDisposition(name: string): string {
  const plain = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return plain === name ? `attachment; filename="${name}"` : `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The file name of a stored attachment of any kind (bytes stored before FileName was kept with them). */
function fileNameOf(call: EtCall, id: string): string | undefined {
  for (const def of call.engine.catalog.byName.values()) {
    if (!def.properties.has('FileName')) continue;
    const rec = call.engine.store.collection(def.name).get(id);
    if (rec && typeof rec.FileName === 'string') return rec.FileName;
  }
  return undefined;
}

export const attachmentContents = (op: OperationSpec, engine: Engine) => {
  const attachmentEntities = [...engine.catalog.byName.values()].filter((d) => d.links.some((l) => /\/api\/attachment\/\{Id\}\/contents$/i.test(l.href))).map((d) => d.name);
  const documented = op.exampleBodies.get(200);
  return (call: EtCall): Response => {
    const id = call.params[op.params[0]!]!;
    const stored = call.engine.store.collection(CONTENT_ENTITY).get(id);
    if (stored) {
      const name = typeof stored.FileName === 'string' ? stored.FileName : fileNameOf(call, id);
      const headers: Record<string, string> = { 'content-type': String(stored.ContentType) };
      if (name) headers['content-disposition'] = contentDisposition(name);
      return new Response(Buffer.from(String(stored.Base64), 'base64'), { headers });
    }
    const known = attachmentEntities.some((e) => call.engine.store.collection(e).get(id));
    if (known && typeof documented === 'string') return new Response(documented, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
    throw new HttpError(404, `No attachment with the Id '${id}' exists.`);
  };
};
