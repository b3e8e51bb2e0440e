// Calls for the admin tests: the admin API (not part of ET's spec, so checked by hand), and ET's API inside a
// sandbox, checked against the spec like every other API call in the suite.
import { ADMIN_AUTH, checkedReply, type Reply, type TestFake } from '../../../helpers/fake.ts';

export async function admin(fake: TestFake, method: string, path: string, body?: unknown, auth: string | null = ADMIN_AUTH): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (auth) headers.Authorization = auth;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fake.app.request(`http://localhost${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  if (res.status >= 400) {
    const message = (parsed as { Message?: unknown } | undefined)?.Message;
    if (typeof message !== 'string' || !message) throw new Error(`${method} ${path} -> ${res.status} without a Message: ${text}`);
  }
  return { status: res.status, headers: res.headers, body: parsed as any };
}

/** ET's API under `/sandboxes/{id}`: the answer is checked against the spec operation of the path without it. */
export async function inSandbox(fake: TestFake, id: string, method: string, apiPath: string, body?: unknown): Promise<Reply> {
  const url = `http://localhost/sandboxes/${id}${apiPath}`;
  const headers: Record<string, string> = { Authorization: ADMIN_AUTH };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fake.app.request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return checkedReply(fake.validator, method, `http://localhost${apiPath}`, res);
}

export async function newSandbox(fake: TestFake, body?: unknown): Promise<string> {
  const res = await admin(fake, 'POST', '/__admin/sandboxes', body);
  if (res.status !== 201) throw new Error(`sandbox not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.Id;
}
