// The fake tells the truth about itself: GET /openapi.json serves the spec it runs from, and GET /docs an
// interactive reference of it (Swagger UI from its npm package, no external assets) whose "try it" calls
// this fake. Both also under the base path. Without JavaScript the page still lists every operation.
import type { Hono } from 'hono';
import type { ServerEnv } from '../engine/call.ts';
import type { OperationSpec, OpenApiDoc } from '../spec/operations.ts';
import { assetServer, BROWSER_DIR, packageDir } from './assets.ts';
import { basicSchemeOf, referenceSpec, SANDBOX_SCHEME } from './docs-spec.ts';
import { escapeHtml, htmlResponse, type PageOptions } from './html.ts';

const RENDERER_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png'];
const OWN_FILES = ['docs.js', 'pages.css'];

/** Every operation as a plain table: the page's content when scripts do not run. */
function operationTable(ops: OperationSpec[]): string {
  const byResource = new Map<string, OperationSpec[]>();
  for (const op of ops) {
    const key = op.resource ?? op.path;
    byResource.set(key, [...(byResource.get(key) ?? []), op]);
  }
  return [...byResource.entries()]
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
      return `<h2>${escapeHtml(resource)}</h2>\n<table><tr><th>method</th><th>path</th><th>what it does</th><th>statuses</th><th></th></tr>\n${rows}\n</table>`;
    })
    .join('\n');
}

function page(doc: OpenApiDoc, ops: OperationSpec[], prefix: string, o: PageOptions): string {
  const info = (doc.info ?? {}) as { title?: string; version?: string };
  const title = `${info.title ?? 'et-fake'} ${info.version ?? ''}`.trim();
  const login = o.credentials ? ` data-user="${escapeHtml(o.credentials.userName)}" data-password="${escapeHtml(o.credentials.password)}"` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="${prefix}/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="${prefix}/docs/assets/swagger-ui.css">
<link rel="stylesheet" href="${prefix}/docs/assets/pages.css">
</head><body class="docs">
<header class="bar"><strong>et-fake</strong><span>API reference</span>
<nav><a href="${prefix}/__admin/ui">Sandbox explorer</a><a href="${prefix}/openapi.json">openapi.json</a></nav></header>
<div id="reference"><noscript>
<h1>${escapeHtml(title)}</h1>
<p>${ops.length} operations. The machine-readable spec: <a href="${prefix}/openapi.json">openapi.json</a>.
Beside ET's API, for tests (Administrator only): <code>POST /__admin/reset</code>, <code>GET|PUT /__admin/snapshot</code>,
<code>POST /__admin/sandboxes</code>, <code>GET|DELETE /__admin/requests</code>, <code>POST|GET|DELETE /__admin/faults</code>.</p>
${operationTable(ops)}
</noscript></div>
<script src="${prefix}/docs/assets/swagger-ui-bundle.js"></script>
<script src="${prefix}/docs/assets/docs.js" data-spec="${prefix}/docs/openapi.json" data-basic="${escapeHtml(basicSchemeOf(doc))}" data-sandbox-scheme="${SANDBOX_SCHEME}"${login}></script>
</body></html>`;
}

export function installDocs(app: Hono<ServerEnv>, doc: OpenApiDoc, ops: OperationSpec[], basePath: string, o: PageOptions = {}): void {
  let specText: string | undefined;
  const html = new Map<string, string>();
  const shown = new Map<string, string>();
  const renderer = assetServer(packageDir('swagger-ui-dist'), RENDERER_FILES);
  const own = assetServer(BROWSER_DIR, OWN_FILES);
  for (const prefix of basePath ? ['', basePath] : ['']) {
    const json = (text: string) => new Response(text, { headers: { 'content-type': 'application/json; charset=utf-8' } });
    app.get(`${prefix}/openapi.json`, () => json((specText ??= JSON.stringify(doc))));
    app.get(`${prefix}/docs`, () => htmlResponse(html.get(prefix) ?? html.set(prefix, page(doc, ops, prefix, o)).get(prefix)!));
    app.get(`${prefix}/docs/openapi.json`, () => json(shown.get(prefix) ?? shown.set(prefix, JSON.stringify(referenceSpec(doc, prefix))).get(prefix)!));
    app.get(`${prefix}/docs/assets/:name`, (c) => {
      const name = c.req.param('name');
      return OWN_FILES.includes(name) ? own(name) : renderer(name);
    });
  }
}
