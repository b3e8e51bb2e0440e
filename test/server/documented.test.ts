// Operations without a stored entity: GET answers the documented example; a PUT keeps the fields it sends
// (passwords kept but shown as null) until the fake is reset.
import { describe, expect, it } from 'vitest';
import { makeTestFake } from '../helpers/test-fake.ts';

describe('documented resources without an entity', () => {
  it('keeps what a PUT sends and shows it over the documented example', async () => {
    const fake = await makeTestFake({ auth: false });
    const before = await fake.get('/api/mailsender/default/settings');
    expect(before.status).toBe(200);
    const documented = fake.engine.operations.find((o) => o.path === '/api/mailsender/default/settings' && o.method === 'GET')!.exampleBodies.get(200);
    expect(before.body).toEqual(documented);

    const put = await fake.put('/api/mailsender/default/settings', { HostName: 'smtp.example.org', Port: 2525, Password: 'Secret-1' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ HostName: 'smtp.example.org', Port: 2525, Password: null, FromAddress: (documented as { FromAddress: string }).FromAddress });
    const after = await fake.get('/api/mailsender/default/settings');
    expect(after.body).toEqual(put.body);
    expect(JSON.stringify(after.body)).not.toContain('Secret-1');

    fake.reset();
    expect((await fake.get('/api/mailsender/default/settings')).body).toEqual(documented);
  });
});
