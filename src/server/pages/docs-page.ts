// The fake tells the truth about itself: GET /openapi.json serves the spec it runs from, and GET /docs a plain
// reference page of its operations (no external assets), both also under the base path.
import type { Hono } from 'hono';
import type { ServerEnv } from '../engine/call.ts';
import type { OperationSpec, OpenApiDoc } from '../spec/operations.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function page(doc: OpenApiDoc, ops: OperationSpec[]): string {
  const byResource = new Map<string, OperationSpec[]>();
  for (const op of ops) {
    const key = op.resource ?? op.path;
    byResource.set(key, [...(byResource.get(key) ?? []), op]);
  }
  const info = (doc.info ?? {}) as { title?: string; version?: string };
  const sections = [...byResource.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([resource, list]) => {
      const rows = list
        .map((op) => {
          const tags = [op.query ? op.query.toUpperCase() : '', op.behaviour ? `behaviour: ${op.behaviour}` : '', op.permissions.length ? `needs ${op.permissions.join(' or ')}` : '']
            .filter(Boolean)
            .join(' · ');
          return `<tr><td><code>${op.method}</code></td><td><code>${escapeHtml(op.path)}</code></td><td>${escapeHtml(op.summary ?? '')}</td><td>${op.statuses.join(', ')}</td><td>${escapeHtml(tags)}</td></tr>`;
        })
        .join('\n');
      return `<h2 id="${escapeHtml(resource)}">${escapeHtml(resource)}</h2>\n<table><tr><th>method</th><th>path</th><th>what it does</th><th>statuses</th><th></th></tr>\n${rows}\n</table>`;
    })
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(info.title ?? 'et-fake')}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}</style>
</head><body><h1>${escapeHtml(info.title ?? 'et-fake')} ${escapeHtml(info.version ?? '')}</h1>
<p>${ops.length} operations. The machine-readable spec: <a href="openapi.json">openapi.json</a>.</p>
<p>Beside ET's API, for tests (Administrator only): <code>POST /__admin/reset</code>, <code>GET|PUT /__admin/snapshot</code>,
<code>POST /__admin/sandboxes</code> (an isolated copy behind <code>/sandboxes/{id}/api/...</code> or the <code>X-Et-Sandbox</code> header),
<code>GET|DELETE /__admin/requests</code> (what was sent), <code>POST|GET|DELETE /__admin/faults</code> (latency, errors, dropped connections).
Each also under <code>/sandboxes/{id}/__admin/</code>.</p>
${sections}
</body></html>`;
}

export function installDocs(app: Hono<ServerEnv>, doc: OpenApiDoc, ops: OperationSpec[], basePath: string): void {
  let html: string | undefined;
  let specText: string | undefined;
  for (const prefix of basePath ? ['', basePath] : ['']) {
    app.get(`${prefix}/openapi.json`, () => new Response((specText ??= JSON.stringify(doc)), { headers: { 'content-type': 'application/json; charset=utf-8' } }));
    app.get(`${prefix}/docs`, () => new Response((html ??= page(doc, ops)), { headers: { 'content-type': 'text/html; charset=utf-8' } }));
  }
}
