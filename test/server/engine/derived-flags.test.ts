// Flags ET works out when it answers (a category's HasChildren/HasProjects/HasParent, a script's
// HasAttachments) follow the data: a new child or attachment turns them on, its removal off again.
import { describe, expect, it } from 'vitest';
import { makeTestFake } from '../../helpers/test-fake.ts';

const RETAIL_BANKING = '650d24aa-3a74-4f3e-96fd-f1d6268d902e';

describe('derived flags', () => {
  it("a category's HasChildren and HasParent follow its children", async () => {
    const fake = await makeTestFake({ auth: false });
    const parent = await fake.post('/api/projectcategories', { Name: 'Parent of one', OrganisationId: '06e3f216-7665-4252-9ad1-8f3c56999fa0' });
    expect(parent.status).toBe(201);
    expect(parent.body).toMatchObject({ HasChildren: false, HasParent: false, HasProjects: false });
    const child = await fake.post('/api/projectcategories', { Name: 'Only child', ParentId: parent.body.Id, OrganisationId: '06e3f216-7665-4252-9ad1-8f3c56999fa0' });
    expect(child.status).toBe(201);
    expect(child.body).toMatchObject({ HasChildren: false, HasParent: true });
    expect((await fake.get(`/api/projectcategory/${parent.body.Id}`)).body.HasChildren).toBe(true);
    expect((await fake.del(`/api/projectcategory/${child.body.Id}`)).status).toBeLessThan(300);
    expect((await fake.get(`/api/projectcategory/${parent.body.Id}`)).body.HasChildren).toBe(false);
    expect((await fake.get(`/api/projectcategory/${RETAIL_BANKING}`)).body.HasChildren).toBe(true);
  });

  it("a script's HasAttachments follows its attachments", async () => {
    const fake = await makeTestFake({ auth: false });
    const script = fake.store.collection('Script').values().next().value!;
    const attached = fake.store.collection('ScriptAttachment').where('ScriptId', script.Id);
    expect((await fake.get(`/api/script/${script.Id}`)).body.HasAttachments).toBe(attached.length > 0);
    for (const a of attached) fake.store.collection('ScriptAttachment').remove(a.Id);
    expect((await fake.get(`/api/script/${script.Id}`)).body.HasAttachments).toBe(false);
    const boundary = 'flags7d3';
    const upload = await fake.request('POST', `/api/script/${script.Id}/attachments`, {
      raw: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="notes.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`,
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(upload.status).toBeLessThan(300);
    expect((await fake.get(`/api/script/${script.Id}`)).body.HasAttachments).toBe(true);
  });

  it('counts a base64-encoded part by its decoded bytes', async () => {
    const fake = await makeTestFake({ auth: false });
    const script = fake.store.collection('Script').values().next().value!;
    const boundary = 'b64part';
    const upload = await fake.request('POST', `/api/script/${script.Id}/attachments`, {
      raw: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from('hello world').toString('base64')}\r\n--${boundary}--\r\n`,
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(upload.status).toBeLessThan(300);
    expect(upload.body[0].Size).toBe(11);
  });
});
