// The comparison rules of the conformance replay: volatile values by one rule, ties as sets, sibling
// OrderNumbers apart, Messages by the values they name (catalogue) or word for word (ET's help pages).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareAnswer, Volatile, type Documented } from '../../src/conformance/index.ts';

const NEW = '5b0b3f7e-51a8-4f0f-9d8e-2f5f1c7d9a10';
const OTHER_NEW = '9d4c1e55-3a1b-4d8e-8f7c-6b2a0e1f3c44';
const DOCUMENTED = '7c8ffe51-c584-41d6-8739-8dbd56d5770f';
const EXISTING = '944aa658-8067-42cf-a6a6-ce71535a73bc';
const SENT_AT = Date.parse('2026-12-06T22:00:00Z');

const doc = (o: Partial<Documented>): Documented => ({
  method: 'GET', status: 200, headers: {}, exactMessages: false, requestFields: new Set(), expanded: new Set(), ...o,
});
const answer = (body: unknown, status = 200, headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers), text: typeof body === 'string' ? body : JSON.stringify(body) });
const volatile = () => new Volatile(new Set([EXISTING]), SENT_AT);
const classes = (d: Documented, a: ReturnType<typeof answer>) => compareAnswer(d, a, volatile()).map((x) => x.class);

describe('volatile values', () => {
  it('takes a GUID the server made up for the documented one, the same wherever it comes back', () => {
    const d = doc({ method: 'POST', status: 201, headers: { Location: `http://localhost/api/script/${DOCUMENTED}` }, body: { Id: DOCUMENTED, Self: `http://localhost/api/script/${DOCUMENTED}` } });
    expect(classes(d, answer({ Id: NEW, Self: `http://localhost/api/script/${NEW}` }, 201, { Location: `http://localhost/api/script/${NEW}` }))).toEqual([]);
    expect(classes(d, answer({ Id: NEW, Self: `http://localhost/api/script/${OTHER_NEW}` }, 201, { Location: `http://localhost/api/script/${NEW}` }))).toEqual(['links']);
  });

  it('does not take an existing record for the documented one', () => {
    expect(classes(doc({ body: { ProjectId: DOCUMENTED } }), answer({ ProjectId: EXISTING }))).toEqual(['values']);
  });

  it('takes a timestamp from the request on for any documented one, but not an older one', () => {
    const d = doc({ body: { CreatedAt: '2011-09-12T21:03:48Z' } });
    expect(classes(d, answer({ CreatedAt: '2026-12-06T22:00:05Z' }))).toEqual([]);
    expect(classes(d, answer({ CreatedAt: '2012-01-01T00:00:00Z' }))).toEqual(['values']);
  });
});

describe('lists', () => {
  const run = (Id: string, Number: number) => ({ Id, Number, Name: `run ${Id.slice(0, 4)}` });
  const a = run(EXISTING, 1);
  const b = run(DOCUMENTED, 1);
  const c = run('0915be4f-e1d8-4cfa-a2ce-b2a364960884', 2);

  it('compares ties of the order a query names as sets, and the order itself strictly', () => {
    const d = doc({ body: { Items: [a, b, c] }, orderBy: 'Number' });
    expect(classes(d, answer({ Items: [b, a, c] }))).toEqual([]);
    expect(classes(d, answer({ Items: [c, a, b] })).length).toBeGreaterThan(0);
  });

  it('compares a list in no named order as a set', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([a, b, c], { minLength: 3, maxLength: 3 }), (items) => {
        expect(classes(doc({ body: { Items: [a, b, c] } }), answer({ Items: items }))).toEqual([]);
      }),
    );
  });

  it('finds siblings that share an OrderNumber', () => {
    const pkg = (Id: string, OrderNumber: number) => ({ Id, ParentId: EXISTING, OrderNumber });
    const d = doc({ body: [pkg(NEW, 0), pkg(OTHER_NEW, 1)] });
    expect(classes(d, answer([pkg(NEW, 0), pkg(OTHER_NEW, 0)]))).toContain('ordering');
    expect(classes(d, answer([pkg(NEW, 0), pkg(OTHER_NEW, 1)]))).toEqual([]);
    // Where ET's own answer numbers them alike, that is what it answered.
    expect(classes(doc({ body: [pkg(NEW, 0), pkg(OTHER_NEW, 0)] }), answer([pkg(NEW, 0), pkg(OTHER_NEW, 0)]))).toEqual([]);
  });

  it('matches any documented JSON against itself', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(compareAnswer(doc({ body: v }), answer(v), volatile())).toEqual([]); // a documented string is a text body
      }),
    );
  });
});

describe('error answers', () => {
  it("takes the catalogue's Messages by the values they name", () => {
    const d = doc({ status: 404, body: { Message: `Run ${EXISTING} has no result node ${DOCUMENTED}.` } });
    expect(classes(d, answer({ Message: `The run '${EXISTING}' has no result node with the Id '${DOCUMENTED}'.` }, 404))).toEqual([]);
    expect(classes(d, answer({ Message: `No result node with the Id '${DOCUMENTED}' exists.` }, 404))).toEqual(['errors']);
  });

  it("takes the Messages of ET's help pages word for word", () => {
    const d = doc({ status: 403, exactMessages: true, body: { Message: 'Access is denied.' } });
    expect(classes(d, answer({ Message: 'Access is denied.' }, 403))).toEqual([]);
    expect(classes(d, answer({ Message: 'Access denied.' }, 403))).toEqual(['errors']);
  });

  it('files a different status under statuses and errors, and compares nothing else', () => {
    expect(classes(doc({ status: 404, body: { Message: 'x' } }), answer({}, 200))).toEqual(['errors', 'statuses']);
  });
});

describe('headers', () => {
  it('compares the media type, and the charset where one is documented', () => {
    expect(classes(doc({ headers: { 'Content-Type': 'text/csv' } }), answer('', 200, { 'Content-Type': 'text/csv; charset=utf-8' }))).toEqual([]);
    expect(classes(doc({ headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } }), answer('', 200, { 'Content-Type': 'application/json; charset=utf-8' }))).toEqual(['content-type']);
  });

  it('wants the documented Location', () => {
    expect(classes(doc({ method: 'POST', status: 201, headers: { Location: `http://localhost/api/script/${DOCUMENTED}` } }), answer('', 201))).toEqual(['location']);
  });
});
