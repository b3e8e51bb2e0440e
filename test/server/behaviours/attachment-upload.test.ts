// Uploads to the nested attachment collections (an agile-run step's, a result node's): the file is placed by every
// path parameter, so it is listed where it was uploaded, and its bytes come back from /api/attachment/{id}/contents.
import { describe, expect, it } from 'vitest';
import { makeTestFake } from '../../helpers/test-fake.ts';
import type { TestFake } from '../../helpers/fake.ts';

const AGILE_RUN = '814a6948-bb12-4ff0-b306-d6dab1ccfd46';
const STEP = '8ebb74c8-78e6-40a9-815a-42b5e8f17c18';
const AUTO_RUN = '652062cd-215a-43e7-8b02-2b7a827896b8';
const NODE = 'c8c76a9b-62d6-45b5-8ed5-ec78fff82c53';

function form(name: string, text: string, type: string): FormData {
  const fd = new FormData();
  fd.append('file', new Blob([text], { type }), name);
  return fd;
}
const upload = (fake: TestFake, path: string, fd: FormData) => fake.request('POST', path, { raw: fd });
const itemsOf = (body: unknown) => (Array.isArray(body) ? body : (body as { Items: unknown[] }).Items) as { Id: string }[];

describe('attachments of nested collections', () => {
  it('lists a file uploaded to an agile-run step under that step, and serves its bytes', async () => {
    const fake = await makeTestFake({ auth: false });
    const base = `/api/agilerun/${AGILE_RUN}/step/${STEP}`;
    const up = await upload(fake, `${base}/attachments`, form('payees.csv', 'name,iban\nAda,NZ01\n', 'text/csv'));
    expect(up.status).toBe(201);
    expect(up.body[0]).toMatchObject({ FileName: 'payees.csv', ContentType: 'text/csv', Size: 19, RunId: AGILE_RUN, StepId: STEP });
    expect(up.body[0].Self).toBe(`http://localhost${base}/attachment/${up.body[0].Id}`);
    expect(itemsOf((await fake.get(`${base}/attachments`)).body).map((a) => a.Id)).toContain(up.body[0].Id);

    const raw = await fake.app.request(`http://localhost/api/attachment/${up.body[0].Id}/contents`, { headers: { Authorization: 'Basic ' + Buffer.from('Administrator:password').toString('base64') } });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toContain('text/csv');
    expect(raw.headers.get('content-disposition')).toContain('payees.csv');
    expect(await raw.text()).toBe('name,iban\nAda,NZ01\n');

    // A name a plain header cannot carry comes in its UTF-8 form too.
    const accented = await upload(fake, `${base}/attachments`, form('reçu.pdf', '%PDF', 'application/pdf'));
    const pdf = await fake.app.request(`http://localhost/api/attachment/${accented.body[0].Id}/contents`, { headers: { Authorization: 'Basic ' + Buffer.from('Administrator:password').toString('base64') } });
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="re_u.pdf"; filename*=UTF-8''re%C3%A7u.pdf`);
  });

  it('lists a file uploaded to a result node under that node, and refuses a node of another run', async () => {
    const fake = await makeTestFake({ auth: false });
    const base = `/api/automatedtestrun/${AUTO_RUN}/node/${NODE}`;
    const up = await upload(fake, `${base}/attachments`, form('stack.txt', 'at Transfer.check', 'text/plain'));
    expect(up.status).toBe(201);
    expect(up.body[0]).toMatchObject({ NodeId: NODE, RunId: AUTO_RUN });
    expect(itemsOf((await fake.get(`${base}/attachments`)).body).map((a) => a.Id)).toContain(up.body[0].Id);

    const before = fake.engine.store.collection('AttachmentContent').size;
    const otherRun = Array.from(fake.engine.store.collection('AutomatedTestRun').values()).find((r) => r.Id !== AUTO_RUN)!;
    const refused = await upload(fake, `/api/automatedtestrun/${otherRun.Id}/node/${NODE}/attachments`, form('x.txt', 'x', 'text/plain'));
    expect(refused.status).toBe(404);
    expect(typeof refused.body.Message).toBe('string');
    expect(fake.engine.store.collection('AttachmentContent').size).toBe(before);
  });
});
