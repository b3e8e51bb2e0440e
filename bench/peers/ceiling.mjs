// The ceiling of the side-by-side bench: a bare Hono handler answering one fixed body on the same HTTP stack
// as the fake (@hono/node-server). The bench sets the body (the fake's own answer for the URL under test) with
// PUT /__ceiling before each run, so the handler itself does no work per request.
// With --create it is the "bare create" reference for POST rows instead: it reads and parses each request's
// JSON body, keeps it under a new id in a Map and answers the fixed body with that id and name put in, plus a
// Location header: the least a create can do on this stack, without the fake's engine and plug-ins.
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const CREATE = process.argv.includes('--create');
let body = '{}';
let status = 200;
let template = { id: '', name: '' };
const headers = { 'content-type': 'application/json; charset=utf-8' };
const created = new Map();
const app = new Hono();
app.put('/__ceiling', async (c) => {
  ({ body, status } = await c.req.json());
  // The answer's own Id and Name: a create answers them with the new record's.
  try {
    const shown = JSON.parse(body);
    template = { id: String(shown.Id ?? ''), name: JSON.stringify(String(shown.Name ?? '')) };
  } catch {
    template = { id: '', name: '' };
  }
  return c.text('ok');
});
if (CREATE)
  app.post('*', async (c) => {
    const sent = await c.req.json();
    const id = randomUUID();
    created.set(id, sent);
    const text = template.id ? body.replaceAll(template.id, id).replace(template.name, JSON.stringify(String(sent.Name))) : body;
    return new Response(text, { status, headers: { ...headers, Location: `${new URL(c.req.url).origin}/api/scriptpackage/${id}` } });
  });
app.all('*', () => new Response(body, { status, headers }));
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.argv[2]) });
// A clean exit on a signal, so `node --cpu-prof` writes its profile.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
