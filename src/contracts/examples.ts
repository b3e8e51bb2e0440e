// The documented examples as requests: every example of docs-spec/ with its path filled in, its query, its
// headers and body. One reading, shared by the conformance replay and the Pact export.
import type { ExampleDoc, OperationDoc, ResourceDoc } from '../compile/model.ts';
import { basicAuthorization } from '../server/accounts/basic.ts';
import { DEFAULT_USER } from '../server/accounts/credentials.ts';

/** The fake's default credentials, which documented calls carry unless the example shows its own. */
export const DEFAULT_AUTHORIZATION = basicAuthorization(DEFAULT_USER);

export interface DocumentedExample {
  resource: ResourceDoc;
  op: OperationDoc;
  ex: ExampleDoc;
  /** The API path with the example's path parameters filled in, e.g. `/api/scriptpackage/7c8f...`. */
  path: string;
  query: Record<string, string>;
  /** The request headers the example shows (Authorization only when it shows one). */
  headers: Record<string, string>;
  /** The request body as sent: JSON text, or the example's own text. */
  body?: string;
  /** The user the call is made as when the answer names one and the example shows no credentials (derive.ts). */
  actingUser?: string;
}

export interface DocumentedExamples {
  examples: DocumentedExample[];
  /** Examples that cannot be sent (a path parameter the example does not give). */
  skipped: number;
}

export function documentedExamples(docs: { resources: ResourceDoc[] }): DocumentedExamples {
  const examples: DocumentedExample[] = [];
  let skipped = 0;
  for (const resource of docs.resources) {
    for (const op of resource.operations) {
      for (const ex of op.examples) {
        const path = fillPath(resource.path, ex);
        if (path === undefined) skipped++;
        else examples.push({ resource, op, ex, path, query: { ...ex.queryParams }, ...requestParts(op.method, ex) });
      }
    }
  }
  return { examples, skipped };
}

/** `path?query` of an example. */
export function urlOf(e: Pick<DocumentedExample, 'path' | 'query'>): string {
  const query = new URLSearchParams(e.query).toString();
  return `${e.path}${query ? `?${query}` : ''}`;
}

/** The example as a fetch request, with the default credentials when it shows none. */
export function requestInit(e: DocumentedExample): RequestInit {
  const headers: Record<string, string> = { Authorization: DEFAULT_AUTHORIZATION, ...e.headers };
  return { method: e.op.method, headers, body: e.body };
}

function fillPath(template: string, ex: ExampleDoc): string | undefined {
  let missing = false;
  const filled = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = ex.pathParams[name];
    if (value === undefined) missing = true;
    return encodeURIComponent(value ?? '');
  });
  return missing ? undefined : filled;
}

function requestParts(method: string, ex: ExampleDoc): { headers: Record<string, string>; body?: string } {
  // The example's own credentials when it shows some (the permission examples are another user's calls).
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(ex.requestHeaders)) headers[k.toLowerCase() === 'authorization' ? 'Authorization' : k] = v;
  let body: string | undefined;
  if (ex.requestBody !== undefined && ex.requestBody !== null && method !== 'GET') {
    body = typeof ex.requestBody === 'string' ? withUnshownBytes(ex.requestBody) : JSON.stringify(ex.requestBody);
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
  return { headers, body };
}

/**
 * A file the example does not show but states the size of (`<binary PNG data: 51877 bytes>` as a multipart
 * part's content), or shows only the start of (`<the rest of the file: 20445 bytes>` after the excerpt), is
 * sent as that many bytes, so the answer's Size is the file's. The bytes themselves stand for the content the
 * page leaves out: a filler, the same every time.
 */
const UNSHOWN_BYTES = /<(?:binary [^<>\r\n]*?data|the rest of the file): (\d{1,8}) bytes>/g;

export function withUnshownBytes(text: string): string {
  return text.replace(UNSHOWN_BYTES, (_, n: string) => '.'.repeat(Number(n)));
}
