import { beforeAll, describe, expect, it } from 'vitest';
import type { TestFake } from '../../helpers/fake.ts';
import { makeTestFake, ONLINE_BANKING } from '../../helpers/test-fake.ts';
import { send, sendRaw } from '../../helpers/security-fake.ts';

const ORIGIN = 'https://dashboard.example.com';

describe('CORS', () => {
  let fake: TestFake;
  beforeAll(async () => {
    fake = await makeTestFake();
  });

  it('answers a pre-flight with 204, without credentials, echoing the Origin', async () => {
    const res = await sendRaw(fake, 'OPTIONS', '/api/scriptpackages', {
      auth: null,
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization, content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    const methods = res.headers.get('access-control-allow-methods')!.split(/,\s*/);
    expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']));
    const headers = res.headers.get('access-control-allow-headers')!.toLowerCase().split(/,\s*/);
    expect(headers).toEqual(expect.arrayContaining(['authorization', 'content-type', 'accept']));
    expect(res.headers.get('vary')).toMatch(/Origin/);
    expect(await res.text()).toBe('');
  });

  it('adds the credentialed CORS headers to answers, errors included', async () => {
    const ok = await send(fake, 'GET', `/api/project/${ONLINE_BANKING}`, { headers: { Origin: ORIGIN } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ok.headers.get('vary')).toMatch(/Origin/);
    const denied = await send(fake, 'GET', `/api/project/${ONLINE_BANKING}`, { auth: null, headers: { Origin: ORIGIN } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    // A browser script needs to read the challenge and where a created record went.
    expect(denied.headers.get('access-control-expose-headers')).toMatch(/WWW-Authenticate/);
  });

  it('never answers with a wildcard origin, and sends no CORS grant without an Origin', async () => {
    const res = await send(fake, 'GET', `/api/project/${ONLINE_BANKING}`);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });
});

describe('JSONP and indent-json', () => {
  let fake: TestFake;
  beforeAll(async () => {
    fake = await makeTestFake();
  });

  it('wraps a GET answer as fn(...) served as JavaScript', async () => {
    const plain = await send(fake, 'GET', '/api/groups');
    const res = await sendRaw(fake, 'GET', '/api/groups?callback=processResponse');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
    const text = await res.text();
    expect(text.startsWith('processResponse(')).toBe(true);
    expect(text.endsWith(')')).toBe(true);
    // The same answer; its Self names the request it answers (callback included), as ET's JSONP example shows.
    expect(JSON.parse(text.slice('processResponse('.length, -1))).toEqual({ ...plain.body, Self: 'http://localhost/api/groups?callback=processResponse' });
  });

  it('accepts dotted identifiers and $/_ names', async () => {
    for (const cb of ['app.handlers.groups', '$cb', '_x1', 'jQuery123_456']) {
      const res = await sendRaw(fake, 'GET', `/api/groups?callback=${encodeURIComponent(cb)}`);
      expect(res.status).toBe(200);
      expect((await res.text()).startsWith(`${cb}(`)).toBe(true);
    }
  });

  it.each(['alert(1)', 'a b', '1abc', 'a..b', 'a.', '.a', 'x;y', '<script>', 'a-b', '', 'x'.repeat(200)])(
    'refuses the callback %j with 400 and a Message',
    async (cb) => {
      const res = await sendRaw(fake, 'GET', `/api/groups?callback=${encodeURIComponent(cb)}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/json/);
      expect(((await res.json()) as { Message: string }).Message).toMatch(/callback/);
    },
  );

  it('leaves non-GET requests unwrapped', async () => {
    const r = await send(fake, 'POST', '/api/scriptpackages?callback=cb', { body: { Name: 'Not wrapped', ProjectId: ONLINE_BANKING } });
    expect(r.status).toBe(201);
    expect(r.headers.get('content-type')).toMatch(/json/);
  });

  it('wraps error answers too, keeping their status', async () => {
    const res = await sendRaw(fake, 'GET', '/api/project/00000000-0000-4000-8000-000000000000?callback=cb');
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/^cb\(\{"Message":/);
  });

  it('pretty-prints with indent-json=true as a query parameter or a header, and is compact otherwise', async () => {
    const compact = await (await sendRaw(fake, 'GET', `/api/project/${ONLINE_BANKING}`)).text();
    expect(compact).not.toContain('\n');
    const byQuery = await (await sendRaw(fake, 'GET', `/api/project/${ONLINE_BANKING}?indent-json=true`)).text();
    const byHeader = await (await sendRaw(fake, 'GET', `/api/project/${ONLINE_BANKING}`, { headers: { 'indent-json': 'true' } })).text();
    expect(byQuery).toContain('\n  "');
    expect(byHeader).toBe(byQuery);
    expect(JSON.parse(byQuery)).toEqual(JSON.parse(compact));
    const both = await (await sendRaw(fake, 'GET', `/api/project/${ONLINE_BANKING}?indent-json=true&callback=cb`)).text();
    expect(both).toBe(`cb(${byQuery})`);
  });
});
