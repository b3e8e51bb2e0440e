// The read-only documented examples of the ET-specific behaviours (GETs, and searches sent as form POSTs),
// replayed against a fresh fake: the fake answers the documented status and exactly the documented body
// (key order aside).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTestFake } from '../../helpers/test-fake.ts';

const RESOURCES = join(import.meta.dirname, '../../../docs-spec/resources');
/** Paths served by the behaviours this suite covers. */
const COVERED =
  /\/(all)?relationships$|relationshiptypes?(\/\{key\})?$|search$|searchlinks$|\/assignees$|picklistsearch\/\{type\}$|^\/api\/permissions?(\/\{id\})?$|\/tickets$|\/ticket\/\{ticketId\}$|(step|node)\/\{[a-zA-Z]+\}\/incidents?(\/\{incidentId\})?$|\/widgets$|^\/api\/requirement\/\{id\}\/comments$|\/testdata$|^\/api\/automatedtestrun\/\{runId\}\/(nodes|node\/\{nodeId\}\/children)$/;
/**
 * Examples whose documentation disagrees with another page, so no single answer matches both: one automated test's
 * PackagePath leaves out the parent package other relationship pages include; the second automated run data
 * example is for another run (the spec keeps no request per example, so every run answers the first). The
 * TQL search has suites of its own.
 */
const SKIP = [/^\/api\/automatedtest\//, /^\/api\/search/, /638cd333-d91b-4ea7-98ec-e406dcdc5d20\/testdata/];

interface Example {
  request?: { path?: Record<string, string>; query?: Record<string, string>; headers?: Record<string, string>; body?: unknown };
  response: { status: number; body?: unknown };
}

const cases: { name: string; method: string; url: string; example: Example }[] = [];
for (const file of readdirSync(RESOURCES).sort()) {
  const resource = JSON.parse(readFileSync(join(RESOURCES, file), 'utf8')) as { path: string; operations: Record<string, { examples?: Example[] }> };
  if (!COVERED.test(resource.path)) continue;
  const examples = [
    ...(resource.operations.GET?.examples ?? []).map((example) => ({ method: 'GET', example })),
    // Searches sent as forms: the same answer as the GET.
    ...(resource.operations.POST?.examples ?? []).filter((e) => typeof e.request?.body === 'string').map((example) => ({ method: 'POST', example })),
  ];
  for (const { method, example } of examples) {
    const path = resource.path.replace(/\{([^}]+)\}/g, (_, name: string) => example.request?.path?.[name] ?? `{${name}}`);
    const query = new URLSearchParams(example.request?.query ?? {}).toString();
    const url = query ? `${path}?${query}` : path;
    if (SKIP.some((re) => re.test(url))) continue;
    cases.push({ name: `${method} ${url}${method === 'POST' ? ` ${String(example.request?.body)}` : ''}`, method, url, example });
  }
}

describe('documented examples of the ET-specific behaviours', async () => {
  const fake = await makeTestFake({ auth: false });

  it('covers the behaviours (the examples were found)', () => {
    expect(cases.length).toBeGreaterThan(30);
  });

  it.each(cases)('$name', async ({ method, url, example }) => {
    fake.reset();
    const body = example.request?.body;
    const reply = await fake.request(method, url, { headers: example.request?.headers, raw: typeof body === 'string' ? body : undefined });
    expect(reply.status).toBe(example.response.status);
    // 404s: ET's wording differs from one page to another; a Message is what a client can rely on.
    if (reply.status >= 400) expect(typeof reply.body.Message).toBe('string');
    else expect(reply.body).toEqual(example.response.body);
  });
});
