// The admin API from code: `connectFake(url)` for a fake started elsewhere (a vitest globalSetup), and the
// `sandbox()` of startFake()/createApp() results. Everything goes through the HTTP admin API, so what works
// here works from any language.
import type { Data } from '../../engine/store-types.ts';
import type { FaultRule } from './faults.ts';
import type { JournalEntry } from './journal.ts';

/** Sends one admin request; `path` starts with `/`, relative to the fake's base URL. */
export type AdminSend = (method: string, path: string, body?: unknown) => Promise<Response>;

export interface FaultInput {
  Method?: string;
  Path: string;
  Probability?: number;
  Count?: number;
  Latency?: { FixedMs: number } | { MinMs: number; MaxMs: number };
  Status?: number;
  Body?: unknown;
  Drop?: boolean;
}

export interface JournalQuery {
  method?: string;
  path?: string;
}

export interface AdminScope {
  /** The calls this scope received, oldest first (at most the journal limit). */
  journal(filter?: JournalQuery): Promise<JournalEntry[]>;
  clearJournal(): Promise<void>;
  fault(rule: FaultInput): Promise<{ id: string; rule: FaultRule; remove(): Promise<void> }>;
  clearFaults(): Promise<void>;
  reset(): Promise<void>;
  snapshot(): Promise<Data>;
  load(snapshot: Data): Promise<void>;
}

export interface SandboxHandle extends AdminScope {
  id: string;
  /** Base URL of the sandbox: append `/api/...` as to ET's own. */
  url: string;
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** Start from this data instead of the fake's start data. */
  snapshot?: Data;
  /** Start from this JSON file of data (a path the fake's process can read). */
  fixtures?: string;
}

export interface FakeAdmin extends AdminScope {
  sandbox(options?: SandboxOptions): Promise<SandboxHandle>;
}

async function expectOk(res: Response, what: string): Promise<Response> {
  if (res.ok) return res;
  let detail = '';
  try {
    detail = ((await res.json()) as { Message?: string }).Message ?? '';
  } catch {
    // no ET-shaped body
  }
  throw new Error(`et-fake admin: ${what} answered ${res.status}${detail ? `: ${detail}` : ''}`);
}

function scopeClient(send: AdminSend, prefix: string): AdminScope {
  const call = async (method: string, path: string, what: string, body?: unknown) => expectOk(await send(method, `${prefix}/__admin${path}`, body), what);
  return {
    async journal(filter = {}) {
      const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined) as [string, string][]).toString();
      const res = await call('GET', `/requests${q ? `?${q}` : ''}`, 'reading the journal');
      return ((await res.json()) as { Items: JournalEntry[] }).Items;
    },
    async clearJournal() {
      await call('DELETE', '/requests', 'clearing the journal');
    },
    async fault(input) {
      const res = await call('POST', '/faults', 'adding a fault rule', input);
      const rule = (await res.json()) as FaultRule;
      return { id: rule.Id, rule, remove: async () => void (await call('DELETE', `/faults/${rule.Id}`, 'removing a fault rule')) };
    },
    async clearFaults() {
      await call('DELETE', '/faults', 'removing the fault rules');
    },
    async reset() {
      await call('POST', '/reset', 'reset');
    },
    async snapshot() {
      return (await (await call('GET', '/snapshot', 'reading the snapshot')).json()) as Data;
    },
    async load(snapshot) {
      await call('PUT', '/snapshot', 'loading a snapshot', snapshot);
    },
  };
}

/** Admin access to a running fake at `baseUrl` (with its base path, e.g. `http://127.0.0.1:8080/EnterpriseTester`). */
export function connectFake(baseUrl: string, credentials = { userName: 'Administrator', password: 'password' }): FakeAdmin {
  const root = baseUrl.replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${credentials.userName}:${credentials.password}`).toString('base64')}`;
  const send: AdminSend = (method, path, body) =>
    fetch(root + path, {
      method,
      headers: { Authorization: authorization, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return adminClient(send, root);
}

/** The same over any transport (createApp() uses app.request). `root` is what sandbox URLs start with. */
export function adminClient(send: AdminSend, root: string): FakeAdmin {
  return {
    ...scopeClient(send, ''),
    async sandbox(options = {}) {
      const body = options.snapshot ? { Snapshot: options.snapshot } : options.fixtures ? { Fixtures: options.fixtures } : undefined;
      const res = await expectOk(await send('POST', '/__admin/sandboxes', body), 'creating a sandbox');
      const { Id } = (await res.json()) as { Id: string };
      const prefix = `/sandboxes/${Id}`;
      return {
        id: Id,
        url: root + prefix,
        ...scopeClient(send, prefix),
        close: async () => void (await expectOk(await send('DELETE', `/__admin/sandboxes/${Id}`), 'dropping a sandbox')),
      };
    },
  };
}
