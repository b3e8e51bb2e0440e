// The one-handler middleware chain (src/server/http/pipeline.ts) keeps Hono's middleware semantics.
import { Hono } from 'hono/tiny';
import { describe, expect, it } from 'vitest';
import { Pipeline, type Last } from '../../../src/server/http/pipeline.ts';

function appWith(build: (p: Pipeline) => void, last: Last = () => new Response('last', { status: 200 })) {
  const pipeline = new Pipeline();
  build(pipeline);
  const app = new Hono();
  app.all('*', pipeline.handler(last));
  app.onError((err) => new Response(`caught: ${err.message}`, { status: 500 }));
  return app;
}

describe('Pipeline', () => {
  it('runs the layers in the order added around the last handler, each seeing the answer after next()', async () => {
    const order: string[] = [];
    const app = appWith((p) => {
      p.use(async (c, next) => {
        order.push('outer in');
        await next();
        order.push(`outer out ${c.res.status}`);
        c.res.headers.set('x-outer', 'yes');
      });
      p.use((c, next) => {
        order.push('inner in');
        return next();
      });
    });
    const res = await app.request('http://localhost/x');
    expect(await res.text()).toBe('last');
    expect(res.headers.get('x-outer')).toBe('yes');
    expect(order).toEqual(['outer in', 'inner in', 'outer out 200']);
  });

  it('lets a layer answer on its own (the later ones and the handler do not run) or replace the answer', async () => {
    let reached = false;
    const app = appWith(
      (p) => {
        p.use(async (c, next) => {
          await next();
          if (c.req.path === '/replace') c.res = new Response('replaced', { status: 202 });
        });
        p.use(async (c, next) => (c.req.path === '/refuse' ? new Response('refused', { status: 403 }) : next()));
        p.use(async (_c, next) => {
          reached = true;
          await next();
        });
      },
      () => new Response('last'),
    );
    const refused = await app.request('http://localhost/refuse');
    expect([refused.status, await refused.text(), reached]).toEqual([403, 'refused', false]);
    const replaced = await app.request('http://localhost/replace');
    expect([replaced.status, await replaced.text(), reached]).toEqual([202, 'replaced', true]);
  });

  it('takes an async last handler and hands errors thrown anywhere to the app\'s error handler', async () => {
    const app = appWith(
      (p) => p.use((c, next) => (c.req.path === '/throw' ? Promise.reject(new Error('in a layer')) : next())),
      async () => {
        await new Promise((r) => setTimeout(r, 1));
        throw new Error('in the handler');
      },
    );
    expect(await (await app.request('http://localhost/throw')).text()).toBe('caught: in a layer');
    expect(await (await app.request('http://localhost/other')).text()).toBe('caught: in the handler');
  });
});
