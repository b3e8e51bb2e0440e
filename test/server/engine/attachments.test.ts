// Attachments: a multipart upload creates one attachment per file (201, linked to its record), the bytes come
// back from /api/attachment/{id}/contents, and deleting the attachment deletes them.
import { describe, expect, it } from 'vitest';
import { ADMIN_AUTH } from '../../helpers/fake.ts';
import { LOGIN_SCRIPT, makeTestFake } from '../../helpers/test-fake.ts';

const CSV = 'account,user\n40001234,anna.tester\n';

function multipart(files: { name: string; type: string; body: string }[]) {
  const b = 'etfakeBoundary42';
  const parts = files.flatMap((f) => [`--${b}`, `Content-Disposition: form-data; name="file"; filename="${f.name}"`, `Content-Type: ${f.type}`, '', f.body]);
  return { raw: [...parts, `--${b}--`, ''].join('\r\n'), headers: { 'Content-Type': `multipart/form-data; boundary=${b}` } };
}

describe('attachments', () => {
  it('uploads files to a script, serves their bytes back and forgets them on delete', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.request('POST', `/api/script/${LOGIN_SCRIPT}/attachments`, multipart([{ name: 'accounts.csv', type: 'text/csv', body: CSV }, { name: 'notes.txt', type: 'text/plain', body: 'hello' }]));
    expect(res.status).toBe(201);
    const [csv, notes] = Array.isArray(res.body) ? res.body : [res.body];
    expect(csv).toMatchObject({ FileName: 'accounts.csv', Name: 'accounts.csv', ContentType: 'text/csv', Size: Buffer.byteLength(CSV), ScriptId: LOGIN_SCRIPT });
    expect(notes?.FileName).toBe('notes.txt');
    expect(csv.Self).toBe(`http://localhost/api/script/${LOGIN_SCRIPT}/attachment/${csv.Id}`);

    const contents = await fake.app.request(`http://localhost/api/attachment/${csv.Id}/contents`, { headers: { Authorization: ADMIN_AUTH } });
    expect(contents.status).toBe(200);
    expect(contents.headers.get('content-type')).toBe('text/csv');
    expect(await contents.text()).toBe(CSV);

    const listed = await fake.get(`/api/script/${LOGIN_SCRIPT}/attachments?$inlinecount=allpages&$top=100`);
    const items = Array.isArray(listed.body) ? listed.body : listed.body.Items;
    expect(items.map((a: { Id: string }) => a.Id)).toContain(csv.Id);

    expect((await fake.del(`/api/script/${LOGIN_SCRIPT}/attachment/${csv.Id}`)).status).toBe(200);
    expect(fake.store.collection('AttachmentContent').get(csv.Id)).toBeUndefined();
    const gone = await fake.app.request(`http://localhost/api/attachment/${csv.Id}/contents`, { headers: { Authorization: ADMIN_AUTH } });
    expect(gone.status).toBe(404);
  });

  it('refuses an upload without a file, or not as multipart, writing nothing', async () => {
    const fake = await makeTestFake({ auth: false });
    const before = fake.store.collection('ScriptAttachment').size;
    const empty = await fake.request('POST', `/api/script/${LOGIN_SCRIPT}/attachments`, { raw: '--x\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n--x--\r\n', headers: { 'Content-Type': 'multipart/form-data; boundary=x' } });
    expect(empty.status).toBe(403);
    const asJson = await fake.post(`/api/script/${LOGIN_SCRIPT}/attachments`, { FileName: 'x.txt' });
    expect([400, 415]).toContain(asJson.status);
    expect(fake.store.collection('ScriptAttachment').size).toBe(before);
    expect((await fake.request('POST', '/api/script/00000000-0000-4000-8000-000000000000/attachments', multipart([{ name: 'a.txt', type: 'text/plain', body: 'a' }]))).status).toBe(404);
  });

  it('creates a temporary attachment set without a body and uploads into it', async () => {
    const fake = await makeTestFake({ auth: false });
    const set = await fake.request('POST', '/api/temporaryattachmentsets');
    expect(set.status).toBe(201);
    const res = await fake.request('POST', `/api/temporaryattachmentset/${set.body.Id}`, multipart([{ name: 'shot.png', type: 'image/png', body: 'PNGDATA' }]));
    expect(res.status).toBe(201);
    const [att] = Array.isArray(res.body) ? res.body : [res.body];
    expect(att).toMatchObject({ FileName: 'shot.png', TemporaryId: set.body.Id, Size: 7 });
    const listed = await fake.get(`/api/temporaryattachmentset/${set.body.Id}`);
    const items = Array.isArray(listed.body) ? listed.body : listed.body.Items;
    expect(items.map((a: { Id: string }) => a.Id)).toEqual([att.Id]);
  });
});
