// The spec as the interactive reference shows it: the document the fake runs from, plus what "try it" needs
// to call this fake: the server is the fake itself (under the prefix the page was opened with), Basic auth,
// and the X-Et-Sandbox header as a second credential so a call can go to a sandbox.
import type { OpenApiDoc } from '../spec/operations.ts';

export const SANDBOX_SCHEME = 'sandbox';

const ABOUT = `
**This is et-fake**, a stateful fake of Enterprise Tester. "Try it out" calls the fake itself: Basic auth is
filled in for the default user (Authorize changes it). To call a sandbox instead of the fake's own data, put its
Id under Authorize → \`${SANDBOX_SCHEME}\` (the \`X-Et-Sandbox\` header), or open this page as \`docs?sandbox=<id>\`.

Beside ET's API, for tests (Administrator only): \`POST /__admin/reset\`, \`GET|PUT /__admin/snapshot\`,
\`POST /__admin/sandboxes\` (an isolated copy behind \`/sandboxes/{id}/api/...\` or the \`X-Et-Sandbox\` header),
\`GET|DELETE /__admin/requests\` (what was sent), \`POST|GET|DELETE /__admin/faults\` (latency, errors, dropped
connections), each also under \`/sandboxes/{id}/__admin/\`. The [sandbox explorer](__admin/ui) shows them in a page.
The spec exactly as the fake runs it: [openapi.json](openapi.json).`;

export function referenceSpec(doc: OpenApiDoc, prefix: string): Record<string, unknown> {
  const info = (doc.info ?? {}) as Record<string, unknown>;
  const components = (doc.components ?? {}) as Record<string, any>;
  const schemes = (components.securitySchemes ?? {}) as Record<string, unknown>;
  const basic = basicSchemeOf(doc);
  const tags = new Set<string>();
  for (const item of Object.values(doc.paths ?? {})) for (const op of Object.values<any>(item)) for (const t of op?.tags ?? []) tags.add(t);
  return {
    ...doc,
    info: { ...info, description: `${String(info.description ?? '')}\n${ABOUT}`.trim() },
    servers: [{ url: prefix || '/', description: 'this fake' }],
    tags: [...tags].sort((a, b) => a.localeCompare(b)).map((name) => ({ name })),
    components: {
      ...components,
      securitySchemes: {
        ...schemes,
        [SANDBOX_SCHEME]: { type: 'apiKey', in: 'header', name: 'X-Et-Sandbox', description: 'The Id of a sandbox (POST /__admin/sandboxes makes one) to call instead of the fake\'s own data.' },
      },
    },
    // Both in one requirement: "try it" sends each one that is filled in, so the sandbox stays optional.
    security: [{ [basic]: [], [SANDBOX_SCHEME]: [] }],
  };
}

export function basicSchemeOf(doc: OpenApiDoc): string {
  const schemes = ((doc.components ?? {}) as Record<string, any>).securitySchemes ?? {};
  return Object.keys(schemes).find((k) => schemes[k]?.scheme === 'basic') ?? 'basic';
}
