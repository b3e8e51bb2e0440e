// A fake for tests: createApp() in process, requests through app.request(), and every response checked
// against the spec the fake serves (a mismatch fails the test that made the request).
import { createApp, type FakeApp } from '../../src/server/app.ts';
import type { FakeOptions } from '../../src/server/options.ts';
import { readSpec, type OpenApiDoc } from '../../src/server/spec/operations.ts';
import { GENERATED_SPEC } from '../../src/server/paths.ts';
import { jsonOf, ResponseValidator } from './validate-response.ts';

type RawBody = string | ArrayBuffer | Uint8Array | FormData | URLSearchParams;

export const ADMIN_AUTH = `Basic ${Buffer.from('Administrator:password').toString('base64')}`;

/** A request over real HTTP as the Administrator; `sandbox` goes in the X-Et-Sandbox header so the path stays ET's own. */
export function adminFetch(method: string, url: string, body?: unknown, sandbox?: string): Promise<Response> {
  return fetch(url, {
    method,
    headers: {
      Authorization: ADMIN_AUTH,
      Accept: 'application/json',
      ...(sandbox ? { 'X-Et-Sandbox': sandbox } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as-is (a string, form data...) instead of JSON. */
  raw?: RawBody;
  headers?: Record<string, string>;
}

export interface TestFake extends FakeApp {
  validator: ResponseValidator;
  /** How many responses were checked against the spec. */
  checked: number;
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  get(path: string, headers?: Record<string, string>): Promise<Reply>;
  post(path: string, body?: unknown): Promise<Reply>;
  put(path: string, body?: unknown): Promise<Reply>;
  patch(path: string, body?: unknown): Promise<Reply>;
  del(path: string): Promise<Reply>;
}

export const ORIGIN = 'http://localhost';

export async function checkedReply(validator: ResponseValidator, method: string, url: string, res: Response): Promise<Reply> {
  const body = await jsonOf(res);
  const problems = validator.check({ method, path: url, status: res.status, body, contentType: res.headers.get('content-type') });
  if (problems.length) throw new Error(`response does not match the spec:\n  ${problems.join('\n  ')}`);
  return { status: res.status, headers: res.headers, body };
}

const validators = new WeakMap<OpenApiDoc, Map<string, ResponseValidator>>();
/** Validators compile their schemas lazily and keep them: share one per spec and base path. */
function validatorFor(spec: OpenApiDoc, basePath: string): ResponseValidator {
  let byBase = validators.get(spec);
  if (!byBase) validators.set(spec, (byBase = new Map()));
  let v = byBase.get(basePath);
  if (!v) byBase.set(basePath, (v = new ResponseValidator(spec, basePath)));
  return v;
}

export async function makeFake(options: FakeOptions = {}): Promise<TestFake> {
  const spec: OpenApiDoc = typeof options.spec === 'object' ? options.spec : await readSpec(options.spec ?? GENERATED_SPEC);
  const fake = await createApp({ ...options, spec });
  const validator = validatorFor(spec, fake.options.basePath);
  const t: TestFake = {
    ...fake,
    validator,
    checked: 0,
    async request(method, path, o = {}) {
      const headers: Record<string, string> = { Authorization: ADMIN_AUTH, Accept: 'application/json', ...o.headers };
      let body: RawBody | undefined = o.raw;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['Content-Type'] ??= 'application/json';
      }
      const url = path.startsWith('http') ? path : ORIGIN + path;
      const res = await fake.app.request(url, { method, headers, body });
      const reply = await checkedReply(validator, method, url, res);
      t.checked++;
      return reply;
    },
    get: (path, headers) => t.request('GET', path, { headers }),
    post: (path, body) => t.request('POST', path, { body }),
    put: (path, body) => t.request('PUT', path, { body }),
    patch: (path, body) => t.request('PATCH', path, { body }),
    del: (path) => t.request('DELETE', path),
  };
  return t;
}
