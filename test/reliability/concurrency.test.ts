// 200 clients at once over real HTTP, on the fake's own state (kept in a data file) and on four sandboxes:
// creating, renaming and deleting script packages in the same project and adding options to the same pick list.
// Afterwards nothing acknowledged is missing or doubled, ids are unique, OrderNumbers run without gaps or repeats,
// each sandbox holds exactly its own clients' work, and a restart from the data file finds the same state.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectFake, type AdminScope } from '../../src/server/plugins/admin/client.ts';
import { startFake, type RunningFake } from '../../src/server/start.ts';
import type { Rec } from '../../src/store/index.ts';
import { adminFetch, checkedReply, type Reply } from '../helpers/fake.ts';
import { ONLINE_BANKING, testData, testSpec } from '../helpers/test-fake.ts';
import { ResponseValidator } from '../helpers/validate-response.ts';

const CLIENTS = 200;
const SANDBOXES = 4;
const PACKAGES_EACH = 3;

let dir: string;
let fake: RunningFake;
let validator: ResponseValidator;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'et-fake-concurrency-'));
  const spec = await testSpec();
  validator = new ResponseValidator(spec);
  fake = await startFake({ spec, fixtures: await testData(), dataFile: path.join(dir, 'et.json') });
});
afterAll(async () => {
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

/** `sandbox`: the sandbox's id, sent in the X-Et-Sandbox header so the path stays ET's own. */
async function call(method: string, url: string, body?: unknown, sandbox?: string): Promise<Reply> {
  const res = await adminFetch(method, url, body, sandbox);
  return checkedReply(validator, method, url, res);
}

interface Scope {
  sandbox?: string;
  admin: AdminScope;
  clients: number[];
}

const packagesOf = (data: Record<string, Rec[]>, prefix: string) =>
  (data.ScriptPackage ?? []).filter((p) => typeof p.Name === 'string' && p.Name.startsWith(prefix));
const browserOptions = (data: Record<string, Rec[]>) =>
  ((data.CustomField ?? []).find((f) => f.Name === 'Browser')?.Options as { Text: string }[] | undefined)?.map((o) => o.Text) ?? [];

describe('200 concurrent clients', () => {
  it('lose no update, repeat no id and number, and keep sandboxes apart', async () => {
    const sandboxes = await Promise.all(Array.from({ length: SANDBOXES }, () => fake.sandbox()));
    const scopes: Scope[] = [{ admin: connectFake(fake.url), clients: [] }, ...sandboxes.map((s) => ({ sandbox: s.id, admin: s, clients: [] as number[] }))];
    // Half the clients on the fake's own state, the other half spread over the sandboxes.
    const scopeOf = (client: number) => (client % 2 === 0 ? scopes[0]! : scopes[1 + (client % (2 * SANDBOXES) - 1) / 2]!);
    for (let c = 0; c < CLIENTS; c++) scopeOf(c).clients.push(c);
    const before = new Map<Scope, Record<string, Rec[]>>();
    for (const scope of scopes) before.set(scope, await scope.admin.snapshot());

    // Phase 1: everyone creates at once, in the same project.
    const created = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const ids: { id: string; order: number }[] = [];
        for (let k = 0; k < PACKAGES_EACH; k++) {
          const reply = await call('POST', `${fake.url}/api/scriptpackages`, { Name: `c${c}-p${k}`, ProjectId: ONLINE_BANKING }, scopeOf(c).sandbox);
          expect(reply.status).toBe(201);
          ids.push({ id: reply.body.Id as string, order: reply.body.OrderNumber as number });
        }
        return ids;
      }),
    );
    const allIds = created.flat().map((p) => p.id.toLowerCase());
    expect(new Set(allIds).size).toBe(CLIENTS * PACKAGES_EACH);
    for (const scope of scopes) {
      const rootOrders = (before.get(scope)!.ScriptPackage ?? [])
        .filter((p) => p.ProjectId === ONLINE_BANKING && (p.ParentId ?? null) === null)
        .map((p) => p.OrderNumber as number);
      const highest = Math.max(0, ...rootOrders);
      const orders = scope.clients.flatMap((c) => created[c]!.map((p) => p.order)).sort((a, b) => a - b);
      // Every new package got the next number: no repeats, no gaps.
      expect(orders).toEqual(Array.from({ length: scope.clients.length * PACKAGES_EACH }, (_, i) => highest + 1 + i));
    }

    // Phase 2: everyone renames their packages, deletes the first, and adds an option to one shared pick list.
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const { sandbox } = scopeOf(c);
        const url = fake.url;
        for (const [k, p] of created[c]!.entries()) {
          const renamed = await call('PUT', `${url}/api/scriptpackage/${p.id}`, { Name: `c${c}-p${k}-renamed` }, sandbox);
          expect(renamed.status).toBe(200);
        }
        const added = await call('PATCH', `${url}/api/customfield/Browser`, { update: { pickListValues: [{ add: { ownerId: ONLINE_BANKING, text: `option-${c}`, sortOrder: c } }] } }, sandbox);
        expect(added.status).toBeLessThan(300);
        const deleted = await call('DELETE', `${url}/api/scriptpackage/${created[c]![0]!.id}`, undefined, sandbox);
        expect(deleted.status).toBeLessThan(300);
      }),
    );

    for (const scope of scopes) {
      const data = await scope.admin.snapshot();
      const mine = packagesOf(data, 'c');
      const expected = scope.clients.flatMap((c) => created[c]!.slice(1).map((p, k) => ({ Id: p.id, Name: `c${c}-p${k + 1}-renamed`, OrderNumber: p.order })));
      const byId = (a: { Id: string }, b: { Id: string }) => a.Id.localeCompare(b.Id);
      expect(mine.map((p) => ({ Id: p.Id, Name: p.Name, OrderNumber: p.OrderNumber })).sort(byId)).toEqual(expected.sort(byId));
      expect(data.ScriptPackage!.length).toBe(before.get(scope)!.ScriptPackage!.length + scope.clients.length * (PACKAGES_EACH - 1));
      // No option added by anyone was overwritten by a concurrent add, and none leaked from another scope.
      const options = browserOptions(data).filter((t) => t.startsWith('option-'));
      expect(options.sort()).toEqual(scope.clients.map((c) => `option-${c}`).sort());
      for (const c of scope.clients) expect((await call('GET', `${fake.url}/api/scriptpackage/${created[c]![0]!.id}`, undefined, scope.sandbox)).status).toBe(404);
    }

    // The fake's own state, acknowledged write by write, is all in the data file after a restart.
    const own = await scopes[0]!.admin.snapshot();
    await fake.close();
    fake = await startFake({ spec: await testSpec(), fixtures: {}, dataFile: path.join(dir, 'et.json') });
    expect(await connectFake(fake.url).snapshot()).toEqual(own);
  });
});
