// Requests for the security tests: like the shared test fake, but the caller chooses the credentials (or
// none), and a user with a password and grants can be made through ET's own endpoints.
import { checkedReply, ORIGIN, type Reply, type TestFake } from './fake.ts';

export const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
export const ADMIN = basic('Administrator', 'password');

export interface RawOptions {
  auth?: string | null;
  headers?: Record<string, string>;
  /** JSON-encoded unless a string. */
  body?: unknown;
  contentType?: string;
}

/** One request with the given credentials; the reply is checked against the spec like every test reply. */
export async function send(fake: TestFake, method: string, path: string, o: RawOptions = {}): Promise<Reply> {
  const res = await sendRaw(fake, method, path, o);
  return checkedReply(fake.validator, method, ORIGIN + path, res);
}

/** The same without the spec check (JSONP answers JavaScript, not JSON). */
export function sendRaw(fake: TestFake, method: string, path: string, o: RawOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...o.headers };
  const auth = o.auth === undefined ? ADMIN : o.auth;
  if (auth !== null) headers.Authorization = auth;
  let body: string | undefined;
  if (o.body !== undefined) {
    body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
    headers['Content-Type'] = o.contentType ?? 'application/json';
  }
  return Promise.resolve(fake.app.request(ORIGIN + path, { method, headers, body }));
}

/** Creates a user through POST /api/users and grants it keys through the permission endpoints. */
export async function makeUser(
  fake: TestFake,
  userName: string,
  grants: { global?: string[]; projects?: Record<string, string[]> } = {},
): Promise<{ id: string; auth: string }> {
  const created = await send(fake, 'POST', '/api/users', { body: { UserName: userName, Password: 'secret', FirstName: userName } });
  if (created.status >= 300) throw new Error(`could not create ${userName}: ${JSON.stringify(created.body)}`);
  const id = created.body.Id as string;
  if (grants.global) {
    const r = await send(fake, 'PUT', `/api/user/${id}/permissions/global`, { body: grants.global.map((Key) => ({ Key })) });
    if (r.status !== 200) throw new Error(`could not grant ${userName}: ${JSON.stringify(r.body)}`);
  }
  for (const [project, keys] of Object.entries(grants.projects ?? {})) {
    const r = await send(fake, 'PUT', `/api/user/${id}/permissions/project/${project}`, { body: keys.map((Key) => ({ Key })) });
    if (r.status !== 200) throw new Error(`could not grant ${userName} in ${project}: ${JSON.stringify(r.body)}`);
  }
  return { id, auth: basic(userName, 'secret') };
}

/** The whole store as text, to prove a refused request changed nothing. */
export const stateOf = (fake: TestFake) => JSON.stringify(fake.engine.store.snapshot());
