// The documentation's own request examples must get past validation: a validator that refused what ET
// documents would be wrong, not strict. The only refusals allowed are the ones the operation documents
// (examples of refused requests, and creates of names the start data already holds).
import { describe, expect, it } from 'vitest';
import { makeTestFake, testSpec } from '../../../helpers/test-fake.ts';
import { sendRaw } from '../../../helpers/security-fake.ts';

interface Example {
  method: string;
  path: string;
  contentType: string;
  body: unknown;
  statuses: string[];
}

async function requestExamples(): Promise<Example[]> {
  const spec = await testSpec();
  const out: Example[] = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const [method, op] of Object.entries<any>(item)) {
      for (const [contentType, media] of Object.entries<any>(op?.requestBody?.content ?? {})) {
        const values = Object.values<any>(media.examples ?? {}).map((e) => e.value);
        if (media.example !== undefined) values.push(media.example);
        for (const body of values) out.push({ method: method.toUpperCase(), path, contentType, body, statuses: Object.keys(op.responses ?? {}) });
      }
    }
  }
  return out;
}

// Any well-formed GUID: whether the record exists is the handler's business, not validation's.
const fillPath = (path: string) => path.replace(/\{[^}]+\}/g, '0f8fad5b-d9cb-469f-a165-70867728950e');

describe('documented request examples', () => {
  it('pass request validation, or are refused only with a status the operation documents', async () => {
    const examples = await requestExamples();
    expect(examples.length).toBeGreaterThan(50);
    // The same requests with and without the validation plug-in: what only the validated fake refuses is
    // validation's doing (the engine's own answers, e.g. uploads it does not simulate, are not).
    const validated = await makeTestFake({ plugins: ['auth', 'validation'] });
    const bare = await makeTestFake({ plugins: ['auth'] });
    const refusedByValidation: string[] = [];
    let passed = 0;
    for (const ex of examples) {
      const body = typeof ex.body === 'string' ? ex.body : JSON.stringify(ex.body);
      const send = (fake: typeof bare) => sendRaw(fake, ex.method, fillPath(ex.path), { body, contentType: ex.contentType });
      const [withValidation, without] = [await send(validated), await send(bare)];
      const text = await withValidation.text();
      // 5xx here is strict response validation reporting the engine's answer, not a refused request.
      if (withValidation.status < 400 || withValidation.status >= 500 || withValidation.status === without.status) {
        passed++;
        continue;
      }
      // Documented refusals (an example of a bad request, a name the start data already has) are fine.
      if (!ex.statuses.includes(String(withValidation.status)) || withValidation.status === 400 || withValidation.status === 413)
        refusedByValidation.push(`${ex.method} ${ex.path} (${ex.contentType}) -> ${withValidation.status} ${text.slice(0, 160)}`);
    }
    expect(refusedByValidation).toEqual([]);
    expect(passed).toBeGreaterThan(examples.length * 0.8);
  });
});
