// Random bodies and query strings (fast-check) against a few write and read operations: whatever arrives,
// the answer is never a 5xx, every refusal carries a Message, and a refused write leaves the store unchanged.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestFake, ONLINE_BANKING, REGRESSION_PKG } from '../../../helpers/test-fake.ts';
import { sendRaw, stateOf } from '../../../helpers/security-fake.ts';

const WRITES: [string, string][] = [
  ['POST', '/api/scriptpackages'],
  ['POST', '/api/scripts'],
  ['POST', '/api/projects'],
  ['POST', '/api/users'],
  ['PUT', `/api/scriptpackage/${REGRESSION_PKG}`],
  ['PUT', `/api/project/${ONLINE_BANKING}`],
  ['PATCH', '/api/script/3503ada7-6f77-46ba-a083-a84747d53b2c'],
];

/** Bodies near the real ones (the documented fields with random values) and plain random JSON. */
const body = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      Name: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant('Online Banking')),
      ProjectId: fc.oneof(fc.uuid(), fc.constant(ONLINE_BANKING), fc.string(), fc.constant(null)),
      PackageId: fc.oneof(fc.uuid(), fc.constant(REGRESSION_PKG), fc.integer()),
      ParentId: fc.oneof(fc.uuid(), fc.constant(REGRESSION_PKG), fc.boolean()),
      OrderNumber: fc.oneof(fc.integer(), fc.double(), fc.string()),
      UserName: fc.oneof(fc.string(), fc.constant('Administrator')),
      Steps: fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.string()),
      update: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);

describe('fuzzed requests', () => {
  // Strict response validation off: this is about what bad input does, not about the engine's answers
  // to good input (strict mode has its own tests).
  const saved = process.env.ET_FAKE_STRICT;
  beforeEach(() => {
    delete process.env.ET_FAKE_STRICT;
  });
  afterEach(() => {
    if (saved !== undefined) process.env.ET_FAKE_STRICT = saved;
  });

  it('never answer 5xx, always explain a refusal, and leave the store alone when refusing a write', async () => {
    const fake = await makeTestFake();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), body, async ([method, path], value) => {
        const before = stateOf(fake);
        const res = await sendRaw(fake, method, path, { body: JSON.stringify(value) });
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        if (res.status >= 400) {
          expect(typeof (JSON.parse(text) as { Message?: unknown }).Message, text).toBe('string');
          expect(stateOf(fake)).toBe(before);
        }
      }),
      { numRuns: 300, seed: 20261124 },
    );
  });

  it('never answer 5xx to random query strings and paths', async () => {
    const fake = await makeTestFake();
    const name = fc.constantFrom('$top', '$skip', '$filter', '$orderby', '$inlinecount', '$expand', 'tql', 'callback', 'indent-json', 'deleteChildren');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/projects', '/api/scriptpackages', '/api/search', `/api/scriptpackage/${REGRESSION_PKG}`, '/api/scripts'),
        fc.array(fc.tuple(name, fc.string()), { maxLength: 3 }),
        async (path, pairs) => {
          const query = new URLSearchParams(pairs).toString();
          const res = await sendRaw(fake, 'GET', `${path}?${query}`);
          const text = await res.text();
          expect(res.status, `${path}?${query}: ${text}`).toBeLessThan(500);
          if (res.status >= 400) expect(text).toMatch(/"Message":/);
        },
      ),
      { numRuns: 300, seed: 20261124 },
    );
  });
});
