// What the server owns when a record is saved: a new record is version 1 and every save raises VersionNumber
// (a body cannot set it), and a record that says when it came about (a notification's OccurredAt) is stamped
// with the time of its creation unless the body says.
import { describe, expect, it } from 'vitest';
import { JOEB_ID, makeTestFake, REPORTS_PKG } from '../../helpers/test-fake.ts';

describe('saves', () => {
  it('number the versions of a script: 1 when created, one more with each PUT and PATCH', async () => {
    const fake = await makeTestFake({ auth: false });
    const made = await fake.post('/api/scripts', { Name: 'Versioned', PackageId: REPORTS_PKG, VersionNumber: 7 });
    expect(made.body.VersionNumber).toBe(1);
    const put = await fake.put(`/api/script/${made.body.Id}`, { Description: 'First change', VersionNumber: 40 });
    expect(put.body.VersionNumber).toBe(2);
    // PATCH sets custom fields with ET's verbs; that is a save too.
    const patched = await fake.patch(`/api/script/${made.body.Id}`, { update: { customFields: [{ set: { name: 'IsRegression', valueType: 'Boolean', value: 'true' } }] } });
    expect(patched.status).toBeLessThan(300);
    expect((await fake.get(`/api/script/${made.body.Id}?$expand=FieldValues`)).body).toMatchObject({ VersionNumber: 3, Description: 'First change', FieldValues: { IsRegression: true } });
  });

  it("store a custom field set by PATCH as the type its valueType names, refusing a value that is not one", async () => {
    const fake = await makeTestFake({ auth: false });
    const made = await fake.post('/api/scripts', { Name: 'Typed values', PackageId: REPORTS_PKG });
    const bad = await fake.patch(`/api/script/${made.body.Id}`, { update: { customFields: [{ set: { name: 'IsRegression', valueType: 'Boolean', value: 'maybe' } }] } });
    expect(bad.status).toBe(403);
    expect(bad.body.Message).toContain('IsRegression');
    const after = (await fake.get(`/api/script/${made.body.Id}?$expand=FieldValues`)).body;
    expect(after.VersionNumber).toBe(1);
    expect(after.FieldValues.IsRegression).toBeNull();
  });

  it('stamp a new notification with when it occurred, unless the body says', async () => {
    const fake = await makeTestFake({ auth: false });
    const before = new Date(Date.now() - 1000).toISOString().slice(0, 19);
    const now = await fake.post(`/api/user/${JOEB_ID}/notifications`, { HtmlSummary: 'A run failed.' });
    expect(now.body.OccurredAt >= before).toBe(true);
    expect(now.body.Viewed).toBe(false);
    const given = await fake.post(`/api/user/${JOEB_ID}/notifications`, { HtmlSummary: 'Earlier.', OccurredAt: '2026-01-02T03:04:05Z' });
    expect(given.body.OccurredAt).toBe('2026-01-02T03:04:05Z');
  });
});
