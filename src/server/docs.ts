// The fake tells the truth about itself: GET /docs is a reference page rendered from the very spec the
// engine serves, and GET /docs/openapi.json is that spec. No credentials needed, no assets from elsewhere.
import type { PluginContext } from './plugins.ts';
import type { OpenApiDoc } from './spec.ts';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const escape = (text: unknown) =>
  String(text ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

interface Row {
  tag: string;
  method: string;
  path: string;
  op: Record<string, any>;
}

/** One HTML page: operations grouped by ET resource, with what the fake enforces for each. */
export function renderDocsPage(spec: OpenApiDoc, basePath: string): string {
  const rows: Row[] = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) rows.push({ tag: op['x-et-resource'] ?? op.tags?.[0] ?? path, method: method.toUpperCase(), path, op });
    }
  }
  const byTag = new Map<string, Row[]>();
  for (const row of rows.sort((a, b) => a.tag.localeCompare(b.tag) || a.path.localeCompare(b.path))) {
    byTag.set(row.tag, [...(byTag.get(row.tag) ?? []), row]);
  }
  const section = ([tag, list]: [string, Row[]]) => `
<section id="${escape(tag.replace(/\W+/g, '-'))}">
<h2>${escape(tag)}</h2>
${list.map(({ method, path, op }) => `<div class="op">
<p><span class="m ${method.toLowerCase()}">${method}</span> <code>${escape(basePath + path)}</code> ${escape(op.summary)}</p>
<dl>
${op['x-et-permissions']?.length ? `<dt>Permissions (any)</dt><dd>${op['x-et-permissions'].map((p: string) => `<code>${escape(p)}</code>`).join(' ')}</dd>` : ''}
${op['x-et-query'] ? `<dt>Query</dt><dd>${op['x-et-query'] === 'tql' ? 'TQL (<code>tql</code>)' : 'OData (<code>$filter</code>, <code>$orderby</code>)'}, <code>$top</code>, <code>$skip</code>, <code>$inlinecount</code></dd>` : ''}
${op['x-et-expands']?.length ? `<dt>$expand</dt><dd>${op['x-et-expands'].map((e: string) => `<code>${escape(e)}</code>`).join(' ')}</dd>` : ''}
<dt>Statuses</dt><dd>${Object.entries(op.responses ?? {}).map(([code, r]: [string, any]) => `<abbr title="${escape(r.description)}">${escape(code)}</abbr>`).join(' ')}</dd>
</dl>
</div>`).join('\n')}
</section>`;
  const info = (spec.info ?? {}) as { title?: string; version?: string };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(info.title)}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem 2rem;color:#1d2330}
h2{border-bottom:1px solid #d6dbe4;padding-bottom:.2rem;margin-top:2rem}
.op{margin:.6rem 0 1rem}.op p{margin:.2rem 0}dl{display:grid;grid-template-columns:11rem 1fr;margin:.2rem 0 0 4.2rem;gap:.1rem .8rem}
dt{color:#5b6475}dd{margin:0}code{background:#f1f3f7;padding:0 .25rem;border-radius:3px}
.m{display:inline-block;width:3.8rem;text-align:center;font-weight:600;border-radius:3px;color:#fff;font-size:.8rem;padding:.1rem 0}
.get{background:#2f6fb3}.post{background:#2e8b57}.put{background:#b7791f}.patch{background:#6b46c1}.delete{background:#c53030}
nav{columns:4 12rem;font-size:.85rem}nav a{display:block;color:#2f6fb3;text-decoration:none}
</style></head><body>
<h1>${escape(info.title)} <small>${escape(info.version)}</small></h1>
<p>${rows.length} operations on ${Object.keys(spec.paths ?? {}).length} paths, served by this fake from <a href="${escape(basePath)}/docs/openapi.json">openapi.json</a>.
Credentials: HTTP Basic, default <code>Administrator</code> / <code>password</code>.</p>
<nav>${[...byTag.keys()].map((t) => `<a href="#${escape(t.replace(/\W+/g, '-'))}">${escape(t)}</a>`).join('')}</nav>
${[...byTag.entries()].map(section).join('\n')}
</body></html>
`;
}

export function install(ctx: PluginContext): void {
  const base = ctx.options.basePath;
  let page: string | undefined; // rendered on first visit: start-up stays fast
  for (const prefix of base ? ['', base] : ['']) {
    ctx.app.get(`${prefix}/docs`, (c) => c.html((page ??= renderDocsPage(ctx.spec, base))));
    ctx.app.get(`${prefix}/docs/openapi.json`, (c) => c.json(ctx.spec));
  }
}
