// Bad input to the admin API: always a 4xx with a Message, never a 500, and nothing changed.
import { describe, expect, it } from 'vitest';
import { makeTestFake } from '../../../helpers/test-fake.ts';
import { admin } from './admin-helpers.ts';

const CASES: [string, string, string | undefined, number][] = [
  ['POST', '/__admin/sandboxes', '{"Snapshot": 5}', 400],
  ['POST', '/__admin/sandboxes', '{"Snapshot": {"A": 5}}', 400],
  ['POST', '/__admin/sandboxes', '{"Snapshot": {"__proto__": []}}', 400],
  ['POST', '/__admin/sandboxes', '{"Fixtures": "/etc/passwd"}', 400],
  ['POST', '/__admin/sandboxes', '{"Fixtures": "/no/such/file.json"}', 400],
  ['POST', '/__admin/sandboxes', '{"Fixtures": "package.json"}', 400],
  ['POST', '/__admin/sandboxes', '[]', 400],
  ['POST', '/__admin/sandboxes', '{"Snapshot": ', 400],
  ['PUT', '/__admin/snapshot', 'null', 400],
  ['PUT', '/__admin/snapshot', '{"User": [{"Id": 5}]}', 400],
  ['PUT', '/__admin/snapshot', '{"User": [{"Id": "a"}, {"Id": "A"}]}', 400],
  ['POST', '/__admin/faults', '{"Path": "/api/x", "Latency": {"FixedMs": -1}}', 400],
  ['POST', '/__admin/faults', '{"Path": "/api/x", "Latency": 1e309}', 400],
  ['POST', '/__admin/faults', '{"Path": "/api/x", "Status": 503, "Method": "G E T"}', 400],
  ['GET', '/__admin/requests?path=%5E(', undefined, 400],
  ['GET', '/__admin/requests?sandbox=nope', undefined, 404],
  ['DELETE', '/__admin/faults/nope', undefined, 404],
  ['GET', '/__admin/sandboxes/nope', undefined, 404],
  ['DELETE', '/__admin/sandboxes', undefined, 405],
  ['PATCH', '/__admin/reset', undefined, 405],
  ['GET', '/__admin/nothing-here', undefined, 404],
  ['GET', '/sandboxes/%E0%A4%A/api/projects', undefined, 404],
  ['GET', '/sandboxes/no-such-sandbox/__admin/requests', undefined, 404],
];

describe('admin API bad input', () => {
  it.each(CASES)('%s %s %s -> %i', async (method, path, body, status) => {
    const fake = await makeTestFake();
    const before = (await admin(fake, 'GET', '/__admin/snapshot')).body;
    const sandboxes = (await admin(fake, 'GET', '/__admin/sandboxes')).body.Items.length;
    const res = await admin(fake, method, path, body);
    expect(res.status).toBe(status);
    expect(typeof res.body.Message).toBe('string');
    expect((await admin(fake, 'GET', '/__admin/snapshot')).body).toEqual(before);
    expect((await admin(fake, 'GET', '/__admin/sandboxes')).body.Items).toHaveLength(sandboxes);
    expect((await admin(fake, 'GET', '/__admin/faults')).body.Items).toEqual([]);
  });
});
