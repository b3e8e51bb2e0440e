// Clearing the synchronisation log of one link or one document, leaving the rest.
import { describe, expect, it } from 'vitest';
import { makeTestFake } from '../../helpers/test-fake.ts';
import type { TestFake } from '../../helpers/fake.ts';

const JIRA_LINK = '6c6599a6-f39b-472c-873e-01040adb40ee';
const EA_LINK = '1901ae4a-b7c3-4fb5-a16d-3cae85c1c011';
const DOC = '5f2d8e1c-6b4a-4f09-8e3d-2c1b0a9f8e7d';

const write = (fake: TestFake, LinkId: string, DocumentId: string | null) =>
  fake.post('/api/systemevents', { LinkId, DocumentId, Type: 'Note', Level: 'INFO', Message: 'test', Source: 'Administrator', OccurredAt: '2026-03-04T10:00:00Z' });
const eventsOf = async (fake: TestFake, link: string) =>
  (await fake.get(`/api/systemevents?$filter=${encodeURIComponent(`LinkId eq guid'${link}'`)}&$inlinecount=allpages&$top=100`)).body.Items as { DocumentId: string | null }[];

describe('deleting system events', () => {
  it('deletes one document\'s events, then one link\'s, leaving other links\' events', async () => {
    const fake = await makeTestFake();
    expect((await write(fake, JIRA_LINK, DOC)).status).toBe(201);
    expect((await write(fake, EA_LINK, DOC)).status).toBe(201);
    expect((await write(fake, EA_LINK, null)).status).toBe(201);
    const jiraBefore = (await eventsOf(fake, JIRA_LINK)).length;

    expect((await fake.del(`/api/systemevents?linkId=${EA_LINK}&documentId=${DOC}`)).status).toBe(200);
    expect((await eventsOf(fake, EA_LINK)).map((e) => e.DocumentId)).toEqual([null]);
    expect(await eventsOf(fake, JIRA_LINK)).toHaveLength(jiraBefore);

    expect((await fake.del(`/api/systemevents?linkId=${JIRA_LINK}`)).status).toBe(200);
    expect(await eventsOf(fake, JIRA_LINK)).toEqual([]);
    expect(await eventsOf(fake, EA_LINK)).toHaveLength(1);
  });

  it('404 for an unknown link, 403 when nothing is named; nothing deleted', async () => {
    const fake = await makeTestFake({ auth: false });
    const total = fake.engine.store.collection('SystemEvent').size;
    const unknown = await fake.del('/api/systemevents?linkId=0b7e4c2a-8d1f-4a6b-9c3e-5f2a1d0e9b8c');
    expect(unknown.status).toBe(404);
    expect(typeof unknown.body.Message).toBe('string');
    const none = await fake.del('/api/systemevents');
    expect(none.status).toBe(403);
    expect(none.body.Message).toMatch(/linkId/);
    expect(fake.engine.store.collection('SystemEvent').size).toBe(total);
  });
});
