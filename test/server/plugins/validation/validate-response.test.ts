// The response validator itself: it must accept what the spec documents and reject what it does not.
import { describe, expect, it } from 'vitest';
import { REPORTS_PKG, testSpec } from '../../../helpers/test-fake.ts';
import { ResponseValidator } from '../../../helpers/validate-response.ts';

describe('response validator', () => {
  it('accepts a documented body and rejects a wrong one', async () => {
    const v = new ResponseValidator(await testSpec());
    const ok = { Id: REPORTS_PKG, Name: 'Reports', OrderNumber: 0, Self: `http://localhost/api/scriptpackage/${REPORTS_PKG}`, Links: [], Expands: [] };
    expect(v.check({ method: 'GET', path: `/api/scriptpackage/${REPORTS_PKG}`, status: 200, body: ok })).toEqual([]);
    expect(v.check({ method: 'GET', path: `/api/scriptpackage/${REPORTS_PKG}`, status: 200, body: { ...ok, Id: 42 } })).not.toEqual([]);
    expect(v.check({ method: 'GET', path: `/api/scriptpackage/${REPORTS_PKG}`, status: 200, body: { Name: 'no id' } })).not.toEqual([]);
  });

  it('checks envelopes, undocumented statuses and error bodies', async () => {
    const v = new ResponseValidator(await testSpec(), '/EnterpriseTester');
    expect(v.check({ method: 'GET', path: '/EnterpriseTester/api/scriptpackages?x=1', status: 200, body: { Skip: 0, Top: 25, Total: 0, Items: [] } })).toEqual([]);
    expect(v.check({ method: 'GET', path: '/api/scriptpackages', status: 200, body: { Total: 0 } })).not.toEqual([]);
    expect(v.check({ method: 'GET', path: '/api/scriptpackages', status: 299, body: {} })[0]).toMatch(/not documented/);
    expect(v.check({ method: 'GET', path: '/api/nothing', status: 404, body: { Message: 'x' } })).toEqual([]);
    expect(v.check({ method: 'GET', path: '/api/nothing', status: 404, body: { Error: 'x' } })).not.toEqual([]);
    expect(v.check({ method: 'GET', path: '/api/nothing', status: 200, body: {} })[0]).toMatch(/no operation/);
  });
});
