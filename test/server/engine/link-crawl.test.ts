// Every link the fake hands out resolves: starting at the root and at every top-level collection of the
// default data, the crawl follows each Self and Links[].Href breadth-first (each item also fetched with all
// its Expands expanded, so inlined records' links are followed too). Each answers GET with 200, or with 405
// where the spec's route table (ET's own) has the path without GET (an attachment's Self: DELETE only).
import { describe, expect, it } from 'vitest';
import { makeTestFake, ONLINE_BANKING, testSpec } from '../../helpers/test-fake.ts';
import { operationsOf } from '../../../src/server/spec/operations.ts';
import { Router } from '../../../src/server/http/router.ts';

const ORIGIN = 'http://localhost';
const LIMIT = 4000;

const ops = operationsOf(await testSpec());
const routes = new Router<string>();
for (const op of ops) routes.add(op.path, op.method, op.method);
const starts = ['/api/', ...ops.filter((o) => o.method === 'GET' && o.kind === 'collection' && o.params.length === 0).map((o) => o.path)];

/** Every Self and Links[].Href in a body, however deep. */
function linksIn(body: unknown, out: string[] = []): string[] {
  if (Array.isArray(body)) for (const x of body) linksIn(x, out);
  else if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      if ((k === 'Self' || k === 'Href') && typeof v === 'string') out.push(v);
      else if (k !== 'Help') linksIn(v, out);
    }
  }
  return out;
}

describe('the link crawl', () => {
  it('finds no link that does not resolve', { timeout: 120_000 }, async () => {
    const fake = await makeTestFake({ auth: false });
    const queue = starts.map((path) => ({ url: ORIGIN + path, from: 'start' }));
    const seen = new Set<string>();
    // One line per kind of broken link (ids folded), with the first instance found.
    const broken = new Map<string, string>();
    const report = (status: number, path: string, why: string) => {
      const kind = `${status} ${path.replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/gi, '{id}')}`;
      if (!broken.has(kind)) broken.set(kind, `${path} ${why}`);
    };
    let followed = 0;
    let expanded = 0;
    while (queue.length && seen.size < LIMIT) {
      const { url, from } = queue.shift()!;
      if (seen.has(url.toLowerCase())) continue;
      seen.add(url.toLowerCase());
      expect(url.startsWith(`${ORIGIN}/`), `${url} (from ${from}) points off the server`).toBe(true);
      const res = await fake.get(url);
      const path = new URL(url).pathname;
      if (res.status === 405) {
        const route = routes.match(path);
        if (!route || route.methods.has('GET')) report(405, path, `(from ${from}), yet the route table has GET there`);
        continue;
      }
      if (res.status !== 200) {
        report(res.status, path, `(from ${from}): ${JSON.stringify(res.body)?.slice(0, 120)}`);
        continue;
      }
      followed++;
      for (const link of linksIn(res.body)) queue.push({ url: link, from: url });
      // An item with expansions: fetch it once with all of them, so the records it inlines are crawled too.
      const expands = !Array.isArray(res.body) && Array.isArray(res.body?.Expands) ? (res.body.Expands as string[]) : [];
      if (expands.length && !url.includes('?')) {
        expanded++;
        queue.unshift({ url: `${url}?$expand=${expands.join(',')}`, from: url });
      }
    }
    expect(Object.fromEntries(broken)).toEqual({});
    // The crawl reaches far: the root, every collection, their items and what those expand to.
    expect(followed).toBeGreaterThan(500);
    expect(expanded).toBeGreaterThan(100);
  });
});

describe('links ET spells its own way', () => {
  it("gives a project's priority the Self /api/project/{projectId}/priority/{id}, which answers it", async () => {
    const fake = await makeTestFake({ auth: false });
    const project = (await fake.get(`/api/project/${ONLINE_BANKING}?$expand=Priorities`)).body;
    expect(project.Priorities.length).toBeGreaterThan(0);
    for (const p of project.Priorities) {
      expect(p.Self).toBe(`${ORIGIN}/api/project/${ONLINE_BANKING}/priority/${p.Id}`);
      expect((await fake.get(p.Self)).body).toMatchObject({ Id: p.Id, Text: p.Text, Type: 'Priorities' });
    }
    // A value of another project is not found under this one.
    const other = [...fake.store.collection('Picklist').values()].find((v) => v.ProjectId && v.ProjectId !== ONLINE_BANKING)!;
    expect((await fake.get(`/api/project/${ONLINE_BANKING}/priority/${other.Id}`)).status).toBe(404);
  });

  it('shows incident comments without a Self, as ET does (it has no route for one comment)', async () => {
    const fake = await makeTestFake({ auth: false });
    const comment = fake.store.collection('IncidentComment').values().next().value!;
    const list = (await fake.get(`/api/incident/${comment.IncidentId}/comments`)).body;
    expect(list.Items.length).toBeGreaterThan(0);
    for (const c of list.Items) {
      expect(c).not.toHaveProperty('Self');
      expect(c).toHaveProperty('Body');
    }
  });
});
