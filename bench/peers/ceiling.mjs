// The ceiling of the side-by-side bench: a bare Hono handler answering one fixed body on the same HTTP stack
// as the fake (@hono/node-server). The bench sets the body (the fake's own answer for the URL under test) with
// PUT /__ceiling before each run, so the handler itself does no work per request.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

let body = '{}';
let status = 200;
const headers = { 'content-type': 'application/json; charset=utf-8' };
const app = new Hono();
app.put('/__ceiling', async (c) => {
  ({ body, status } = await c.req.json());
  return c.text('ok');
});
app.all('*', () => new Response(body, { status, headers }));
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.argv[2]) });
// A clean exit on a signal, so `node --cpu-prof` writes its profile.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
