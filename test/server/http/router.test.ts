// The segment trie: case-insensitive literals, literal before parameter, trailing slashes, decoding.
import { describe, expect, it } from 'vitest';
import { Router } from '../../../src/server/http/router.ts';

function router() {
  const r = new Router<string>();
  r.add('/api/search', 'GET', 'search');
  r.add('/api/search/indexes', 'GET', 'indexes');
  r.add('/api/search/index/{indexName}', 'GET', 'index');
  r.add('/api/script/{id}', 'GET', 'get-script');
  r.add('/api/script/{id}', 'PUT', 'put-script');
  r.add('/api/script/{scriptId}/assignments', 'GET', 'assignments');
  r.add('/api/customfield/{name}', 'GET', 'field');
  r.add('/api/', 'GET', 'root');
  return r;
}

describe('router', () => {
  it('matches literals in any case and ignores a trailing slash', () => {
    const r = router();
    expect(r.match('/API/Search/')?.methods.get('GET')).toBe('search');
    expect(r.match('/api/search/INDEXES')?.methods.get('GET')).toBe('indexes');
    expect(r.match('/api')?.methods.get('GET')).toBe('root');
    expect(r.match('/api/')?.methods.get('GET')).toBe('root');
  });

  it('names parameters per template and lower-cases GUIDs only', () => {
    const r = router();
    const guid = 'FC68461E-5921-4240-BB8B-2D00549D923A';
    expect(r.match(`/api/script/${guid}`)?.params).toEqual({ id: guid.toLowerCase() });
    expect(r.match(`/api/script/${guid}/assignments`)?.params).toEqual({ scriptId: guid.toLowerCase() });
    expect(r.match('/api/customfield/IsRegression')?.params).toEqual({ name: 'IsRegression' });
    expect(r.match('/api/customfield/Is%20Regression')?.params).toEqual({ name: 'Is Regression' });
  });

  it('lists every method of a template and misses unknown paths', () => {
    const r = router();
    expect([...r.match('/api/script/x')!.methods.keys()]).toEqual(['GET', 'PUT']);
    expect(r.match('/api/script')).toBeUndefined();
    expect(r.match('/api/script/x/y')).toBeUndefined();
    expect(r.match('/other')).toBeUndefined();
  });
});
