// Attachment uploads (POST .../attachments with a multipart body): one attachment record per file part, its
// bytes kept apart in AttachmentContent {Id: the attachment's Id, ContentType, FileName, Base64}, served back by
// GET /api/attachment/{id}/contents.
import type { EtCall } from '../call.ts';
import { HttpError } from '../../http/errors.ts';
import { fileNameProblem } from '../../http/file-names.ts';
import { json } from '../../http/responses.ts';
import { boundaryOf, parseMultipart } from '../../http/multipart.ts';
import { buildNew, insertNew } from '../records.ts';
import { createdStatus } from './collection.ts';
import { entityOf, parentOf } from './lookup.ts';

export const CONTENT_ENTITY = 'AttachmentContent';

export async function uploadAttachments(call: EtCall): Promise<Response> {
  const def = entityOf(call);
  const type = call.c.req.header('content-type') ?? '';
  if (!/^multipart\//i.test(type)) throw new HttpError(415, 'Upload attachments as multipart/form-data, one file per part.');
  const boundary = boundaryOf(type);
  if (!boundary) throw new HttpError(400, 'The multipart Content-Type has no boundary.');
  const files = parseMultipart(Buffer.from(await call.c.req.arrayBuffer()), boundary).filter((p) => p.filename);
  if (!files.length) throw new HttpError(403, 'Attach at least one file (a multipart part with a file name).');
  for (const f of files) {
    const badName = fileNameProblem(f.filename!, { folders: false });
    if (badName) throw new HttpError(403, badName);
  }
  const parent = parentOf(call);
  const fixed: Record<string, unknown> = parent ? { [parent.foreignKey]: parent.value } : {};
  // Other path parameters that name a field place the file too (an agile-run step's StepId, a result node's
  // RunId): the collection's GET narrows by them, so without them the upload would not be listed.
  for (const name of call.op.params) {
    if (name === call.op.parent?.param) continue;
    const field = def.fieldByLower.get(name.toLowerCase());
    if (!field || field === 'Id' || field in fixed) continue;
    const owned = parent?.rec?.[field];
    if (typeof owned === 'string' && owned.toLowerCase() !== call.params[name]!.toLowerCase())
      throw new HttpError(404, `No ${call.op.parent!.entity} with the Id '${parent!.value}' exists under ${field} '${call.params[name]}'.`);
    fixed[field] = typeof owned === 'string' ? owned : call.params[name];
  }
  // Build every record first, so a refusal writes nothing.
  const built = files.map((f) => ({
    file: f,
    rec: buildNew(call, def, { FileName: f.filename, Name: f.filename, ContentType: f.contentType ?? 'application/octet-stream', Size: f.data.length, SourceId: null }, fixed),
  }));
  const contents = call.engine.store.collection(CONTENT_ENTITY);
  const saved = built.map(({ file, rec }) => {
    const att = insertNew(call, def.name, rec);
    contents.insert({ Id: att.Id, ContentType: file.contentType ?? 'application/octet-stream', FileName: file.filename, Base64: file.data.toString('base64') });
    return call.engine.presenter.present(def.name, att, call.base);
  });
  const status = createdStatus(call);
  const headers = typeof saved[0]!.Self === 'string' ? { Location: saved[0]!.Self as string } : undefined;
  return json(call.op.arrayCreated ? saved : saved[0], status, headers);
}
