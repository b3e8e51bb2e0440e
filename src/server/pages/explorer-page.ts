// GET /__admin/ui: the sandbox explorer, a small page without a framework or a build step. The page itself is
// a static shell (it holds no data, so it needs no credentials); everything it shows comes from the admin API
// and ET's API, which it calls with the credentials the person signs in with (the default user's first).
import type { Hono } from 'hono';
import type { ServerEnv } from '../engine/call.ts';
import type { OperationSpec } from '../spec/operations.ts';
import { assetServer, BROWSER_DIR } from './assets.ts';
import { escapeHtml, htmlResponse, type PageOptions } from './html.ts';

const FILES = ['explorer.js', 'pages.css'];

/** Entity -> the API collection that lists it (only top-level ones: a sub-collection needs its parent). */
export function collectionsOf(ops: OperationSpec[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const op of ops) {
    if (op.method !== 'GET' || op.kind !== 'collection' || !op.entity || op.params.length > 0) continue;
    const had = out[op.entity];
    // Several lists of one entity (e.g. /api/scripts and /api/search): the shortest path is the plain one.
    if (had === undefined || op.path.length < had.length) out[op.entity] = op.path;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

function page(prefix: string, o: PageOptions, collections: Record<string, string>): string {
  const login = o.credentials ? ` data-user="${escapeHtml(o.credentials.userName)}" data-password="${escapeHtml(o.credentials.password)}"` : ' data-no-auth';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>et-fake explorer</title>
<link rel="icon" href="${prefix}/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="${prefix}/__admin/ui/pages.css">
</head><body class="explorer">
<header class="bar">
  <strong>et-fake</strong><span>Sandbox explorer</span>
  <label>Data <select id="scope" title="Whose data to show: the fake's own state or a sandbox"></select></label>
  <button id="new-sandbox" type="button">New sandbox</button>
  <button id="reset" type="button">Reset</button>
  <button id="download" type="button">Download snapshot</button>
  <label class="button">Upload snapshot<input id="upload" type="file" accept="application/json,.json" hidden></label>
  <nav><a id="docs-link" href="${prefix}/docs">API reference</a></nav>
  <output id="status" role="status" aria-live="polite"></output>
</header>
<form id="login" class="login" hidden>
  <p>The admin API needs an Administrator's credentials.</p>
  <label>User <input name="user" autocomplete="username"></label>
  <label>Password <input name="password" type="password" autocomplete="current-password"></label>
  <button type="submit">Sign in</button>
</form>
<main>
  <section class="entities" aria-labelledby="entities-title">
    <h2 id="entities-title">Entity types</h2>
    <ul id="entities"></ul>
  </section>
  <section class="work">
    <form id="query" class="query" role="search">
      <label for="tql">TQL</label>
      <input id="tql" name="tql" spellcheck="false" autocomplete="off" placeholder="Name ~ login   ·   GROUP BY EntityType { COUNT }   (press / to type)">
      <button type="submit">Run</button>
    </form>
    <section id="entity" class="entity" hidden aria-labelledby="entity-title"></section>
    <div id="results" class="results" aria-live="polite"></div>
  </section>
  <aside class="side">
    <section aria-labelledby="journal-title">
      <h2 id="journal-title">Requests <span id="live" class="live" title="The journal streams live">live</span></h2>
      <label class="small"><input id="show-own" type="checkbox"> show the explorer's own calls</label>
      <button id="clear-journal" type="button" class="small">Clear</button>
      <div class="journal-scroll"><table id="journal"><thead><tr><th>time</th><th>call</th><th>status</th><th>ms</th></tr></thead><tbody></tbody></table></div>
    </section>
    <section aria-labelledby="faults-title">
      <h2 id="faults-title">Fault rules</h2>
      <div id="faults"></div>
    </section>
  </aside>
</main>
<footer class="keys">Keys: <kbd>/</kbd> query · <kbd>Enter</kbd> run or open · <kbd>Esc</kbd> close the record · <kbd>Backspace</kbd> back</footer>
<script id="collections" type="application/json">${JSON.stringify(collections).replace(/</g, '\\u003c')}</script>
<script src="${prefix}/__admin/ui/explorer.js" data-prefix="${escapeHtml(prefix)}"${login}></script>
</body></html>`;
}

export function installExplorer(app: Hono<ServerEnv>, ops: OperationSpec[], basePath: string, o: PageOptions = {}): void {
  // Worked out when the page is first asked for: its sort's localeCompare sets up ICU's collator, about 6 ms
  // that every start-up would pay otherwise.
  let collections: Record<string, string> | undefined;
  const assets = assetServer(BROWSER_DIR, FILES);
  const html = new Map<string, string>();
  for (const prefix of basePath ? ['', basePath] : ['']) {
    const serve = () => htmlResponse(html.get(prefix) ?? html.set(prefix, page(prefix, o, (collections ??= collectionsOf(ops)))).get(prefix)!);
    app.get(`${prefix}/__admin/ui`, serve);
    app.get(`${prefix}/__admin/ui/`, serve);
    app.get(`${prefix}/__admin/ui/:name`, (c) => assets(c.req.param('name')));
  }
}
