// Hostile input against every operation of the spec (not only the few the fuzz test picks): path values
// that are no id, ids of other entity types, broken and foreign bodies, odd Content-Types and query strings.
// Whatever arrives, no answer is a 5xx and every refusal carries a Message.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestFake, ONLINE_BANKING, REGRESSION_PKG } from '../../../helpers/test-fake.ts';
import { sendRaw } from '../../../helpers/security-fake.ts';

const PATH_VALUES = ['00000000-0000-0000-0000-000000000000', 'not-a-guid', '..', '%E0%A4%A', 'x'.repeat(2000), '🙂', ONLINE_BANKING, REGRESSION_PKG, 'Administrator'];
const BODIES = [
  '',
  'null',
  '[]',
  '"text"',
  '{"Name":{"a":1},"Id":7}',
  '{"update":{"customFields":[{"set":{}}],"pickListValues":[{"add":{}},{"remove":{}}]}}',
  JSON.stringify({ Name: 'n'.repeat(300), ProjectId: REGRESSION_PKG, PackageId: ONLINE_BANKING, ParentId: 'x', Steps: [{}], FieldValues: { a: [1] }, Type: 'Reindex' }),
  '[{"Key":null},{}]',
  '{"Name": "unterminated',
];
const QUERIES = ['', '?$top=5&$skip=1', '?tql=Name%20~%20x', '?$filter=Name%20eq%201', '?$expand=Zzz,Steps', '?deleteChildren=true', '?callback=cb', '?$inlinecount=allpages&$orderby=Id'];
const TYPES = ['application/json', 'text/plain', 'multipart/form-data; boundary=zz', 'application/xml'];
const VARIANTS = 6;

describe('every operation, hostile input', () => {
  const saved = process.env.ET_FAKE_STRICT;
  beforeEach(() => {
    delete process.env.ET_FAKE_STRICT; // about what bad input does, not about answers to good input
  });
  afterEach(() => {
    if (saved !== undefined) process.env.ET_FAKE_STRICT = saved;
  });

  it('never answers 5xx and always explains a refusal', async () => {
    const fake = await makeTestFake();
    const failures: string[] = [];
    let sent = 0;
    const statuses = new Set<number>();
    for (const [template, item] of Object.entries(fake.spec.paths ?? {})) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
        if (!(item as Record<string, unknown>)[method]) continue;
        for (let v = 0; v < VARIANTS; v++) {
          // A different mix per variant and operation, the same on every run.
          const pick = <T>(list: T[], salt: number) => list[(v * 7 + sent * 3 + salt) % list.length]!;
          let slot = 0;
          const path = template.replace(/\{[^}]+\}/g, () => encodeURIComponent(pick(PATH_VALUES, slot++)));
          const query = pick(QUERIES, 5);
          const hasBody = method !== 'get' && method !== 'delete';
          const res = await sendRaw(fake, method.toUpperCase(), path + query, hasBody ? { body: pick(BODIES, 11), contentType: pick(TYPES, 13) } : {});
          sent++;
          statuses.add(res.status);
          const text = await res.text();
          const label = `${method.toUpperCase()} ${path.slice(0, 120)}${query} -> ${res.status}`;
          if (res.status >= 500) failures.push(`${label}: ${text.slice(0, 200)}`);
          else if (res.status >= 400 && !/"Message":\s*"[^"]/.test(text)) failures.push(`${label} without a Message: ${text.slice(0, 200)}`);
        }
      }
    }
    expect(sent).toBeGreaterThan(1500);
    // The requests reach the operations (not all bounced at the door): successes and ET's refusals alike.
    for (const status of [200, 201, 400, 403, 404, 415]) expect(statuses).toContain(status);
    expect(failures).toEqual([]);
  }, 120_000);
});
