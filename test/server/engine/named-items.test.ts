// Records ET addresses by name rather than by Id: custom fields (/api/customfield/{name}) and custom field
// types, whose documented model has no Id at all.
import { describe, expect, it } from 'vitest';
import { makeTestFake } from '../../helpers/test-fake.ts';

describe('items addressed by name', () => {
  it('reads a custom field by its name in any case, and deletes it by name', async () => {
    const fake = await makeTestFake({ auth: false });
    const byName = await fake.get('/api/customfield/Browser');
    expect(byName.status).toBe(200);
    expect(byName.body).toMatchObject({ Name: 'Browser', CustomFieldTypeName: 'Picklist' });
    expect((await fake.get('/api/customfield/bROWSER')).body.Id).toBe(byName.body.Id);
    expect((await fake.del('/api/customfield/browser')).status).toBeLessThan(300);
    const gone = await fake.get('/api/customfield/Browser');
    expect(gone.status).toBe(404);
    expect(gone.body.Message).toContain("'Browser'");
  });

  it('serves custom field types by name, without the Id the store keeps for them', async () => {
    const fake = await makeTestFake({ auth: false });
    const listed = await fake.get('/api/customfieldtypes');
    expect(listed.status).toBe(200);
    const names = listed.body.Items.map((t: { Name: string }) => t.Name);
    expect(names).toEqual(expect.arrayContaining(['Picklist', 'Text', 'Checkbox', 'Date', 'Number']));
    for (const t of listed.body.Items) expect(t).not.toHaveProperty('Id');
    const one = await fake.get('/api/customfieldtype/picklist');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ Name: 'Picklist', DisplayName: 'Pick List', Self: 'http://localhost/api/customfieldtype/Picklist' });
    expect(one.body).not.toHaveProperty('Id');
    const unknown = await fake.get('/api/customfieldtype/Spreadsheet');
    expect(unknown.status).toBe(404);
    expect(unknown.body.Message).toContain('Spreadsheet');
  });
});
