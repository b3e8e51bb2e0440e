// The sandbox explorer: pick the fake's own state or a sandbox, see its entity types and counts, run TQL
// (hits as a table; GROUP BY as a table and a bar chart), open a record and follow its links and expansions,
// watch the request journal live (server-sent events), reset, download or upload a snapshot, see the fault
// rules. Plain DOM, no framework: everything goes through the fake's HTTP APIs, as a test suite's calls do.
(function () {
  'use strict';
  const me = document.currentScript;
  const prefix = me.dataset.prefix || '';
  const collections = JSON.parse(document.getElementById('collections').textContent);
  const $ = (id) => document.getElementById(id);
  /** The explorer marks its own calls, so the journal can leave them out. */
  const MARK = { 'X-Et-Explorer': '1' };
  const PAGE = 50;

  const state = {
    sandbox: new URLSearchParams(location.hash.slice(1)).get('sandbox') || null,
    auth: me.dataset.noAuth !== undefined ? null : basic(me.dataset.user, me.dataset.password),
    history: [],
    journalAbort: null,
    lastEventId: 0,
    query: null,
  };
  const saved = sessionStorage.getItem('et-fake-auth');
  if (saved && state.auth !== null) state.auth = saved;

  function basic(user, password) {
    return `Basic ${btoa(unescape(encodeURIComponent(`${user}:${password}`)))}`;
  }

  // ---- element helpers -------------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const child of children.flat()) if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
    return node;
  }

  function status(text, kind) {
    const out = $('status');
    out.textContent = text;
    out.className = kind || '';
  }

  // ---- HTTP ------------------------------------------------------------------------------------------
  const scopePath = () => (state.sandbox ? `${prefix}/sandboxes/${encodeURIComponent(state.sandbox)}` : prefix);
  const adminUrl = (path) => `${scopePath()}/__admin${path}`;
  const apiUrl = (path) => `${scopePath()}${path}`;

  function headers(extra) {
    return { ...MARK, ...(state.auth ? { Authorization: state.auth } : {}), ...(extra || {}) };
  }

  async function call(url, init) {
    const res = await fetch(url, { ...(init || {}), headers: headers(init && init.headers) });
    if (res.status === 401) showLogin();
    const text = await res.text();
    let body = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    if (!res.ok) {
      const message = body && typeof body === 'object' && body.Message ? body.Message : `${res.status} ${res.statusText}`;
      const err = new Error(message);
      err.status = res.status;
      throw err;
    }
    return body;
  }

  function showLogin() {
    const form = $('login');
    form.hidden = false;
    form.elements.user.value ||= me.dataset.user || '';
    form.elements.user.focus();
  }

  // ---- scopes ----------------------------------------------------------------------------------------
  async function loadScopes() {
    const { Items } = await call(`${prefix}/__admin/sandboxes`);
    const select = $('scope');
    select.replaceChildren(el('option', { value: '' }, "the fake's own state"), ...Items.map((s) => el('option', { value: s.Id }, `sandbox ${s.Id.slice(0, 8)}…`)));
    if (state.sandbox && !Items.some((s) => s.Id === state.sandbox)) {
      status(`Sandbox ${state.sandbox} is gone (dropped or expired); showing the fake's own state.`, 'error');
      state.sandbox = null;
    }
    select.value = state.sandbox || '';
  }

  async function choose(sandbox) {
    state.sandbox = sandbox || null;
    history.replaceState(null, '', state.sandbox ? `#sandbox=${state.sandbox}` : location.pathname + location.search);
    $('scope').value = state.sandbox || '';
    $('docs-link').href = `${prefix}/docs${state.sandbox ? `?sandbox=${encodeURIComponent(state.sandbox)}` : ''}`;
    closeEntity();
    $('results').replaceChildren();
    $('journal').tBodies[0].replaceChildren();
    state.lastEventId = 0;
    await Promise.all([loadEntities(), loadFaults()]);
    streamJournal();
  }

  // ---- entity types ------------------------------------------------------------------------------------
  async function loadEntities() {
    const { Items } = await call(adminUrl('/entities'));
    const list = $('entities');
    list.replaceChildren(
      ...Items.map(({ Name, Count }) => {
        const path = collections[Name];
        const label = [el('span', { class: 'name' }, Name), el('span', { class: 'count' }, Count)];
        return el('li', {}, path ? el('button', { type: 'button', class: 'entity-type', 'data-entity': Name, title: `GET ${path}`, onclick: () => listCollection(Name, path, 0) }, label) : el('span', { class: 'entity-type inert', title: 'Listed only under its parent record' }, label));
      }),
    );
  }

  async function listCollection(name, path, skip) {
    const sep = path.includes('?') ? '&' : '?';
    const url = apiUrl(`${path}${sep}$top=${PAGE}${skip ? `&$skip=${skip}` : ''}&$inlinecount=allpages`);
    await showHits(`${name}: GET ${path}`, url, () => listCollection(name, path, skip + PAGE), skip);
  }

  // ---- TQL -----------------------------------------------------------------------------------------------
  async function runQuery(tql, skip) {
    state.query = tql;
    const url = apiUrl(`/api/search?tql=${encodeURIComponent(tql)}&$top=${PAGE}${skip ? `&$skip=${skip}` : ''}`);
    await showHits(`TQL: ${tql}`, url, () => runQuery(tql, skip + PAGE), skip);
  }

  async function showHits(title, url, more, skip) {
    const results = $('results');
    results.replaceChildren(el('p', { class: 'muted' }, 'Running…'));
    const started = performance.now();
    let body;
    try {
      body = await call(url);
    } catch (err) {
      results.replaceChildren(el('p', { class: 'error', role: 'alert' }, err.message));
      return;
    }
    const ms = Math.round(performance.now() - started);
    if (body && body.Results) {
      results.replaceChildren(el('h2', {}, title), aggregateView(body.Results), el('p', { class: 'muted' }, `${ms} ms`));
      return;
    }
    const items = (body && body.Items) || (Array.isArray(body) ? body : []);
    const total = body && typeof body.Total === 'number' ? body.Total : body && typeof body.Count === 'number' ? body.Count : undefined;
    const shown = `${skip + 1}–${skip + items.length}`;
    const summary = items.length ? `${total !== undefined ? `${total} hits, ` : ''}showing ${shown} · ${ms} ms` : `No hits · ${ms} ms`;
    const next = total !== undefined && skip + items.length < total ? el('button', { type: 'button', onclick: more }, `Next ${PAGE}`) : null;
    results.replaceChildren(el('h2', {}, title), el('p', { class: 'muted' }, summary, ' ', next), hitsTable(items));
  }

  const PREFERRED = ['EntityType', 'Number', 'Name', 'UserName', 'Title', 'Key', 'Status', 'ProjectName', 'PackageName', 'AssignedTo'];

  function columnsOf(items) {
    const seen = new Set();
    for (const item of items) for (const [k, v] of Object.entries(item)) if (v === null || typeof v !== 'object') seen.add(k);
    const skip = (k) => k === 'Self' || k === 'Id' || /Id$/.test(k) || /(At|By)$/.test(k) || /^(Description|OrderNumber|VersionNumber|ChangeComment|Notes|Objective|PreCondition|PostCondition)$/.test(k);
    const preferred = PREFERRED.filter((k) => seen.has(k));
    const rest = [...seen].filter((k) => !preferred.includes(k) && !skip(k));
    const cols = [...preferred, ...rest].slice(0, 6);
    return cols.length ? cols : ['Id'];
  }

  function hitsTable(items) {
    if (!items.length) return el('p', {}, 'Nothing matched.');
    const cols = columnsOf(items);
    const rows = items.map((item) =>
      el(
        'tr',
        { tabindex: 0, class: item.Self ? 'openable' : '', title: item.Self ? 'Open this record' : undefined, onclick: () => item.Self && openEntity(item.Self), onkeydown: (e) => e.key === 'Enter' && item.Self && openEntity(item.Self) },
        cols.map((c) => el('td', { class: c === 'Name' || c === 'Title' ? 'wide' : '' }, cell(item[c]))),
      ),
    );
    return el('table', { class: 'hits' }, el('thead', {}, el('tr', {}, cols.map((c) => el('th', { scope: 'col' }, c)))), el('tbody', {}, rows));
  }

  function cell(v) {
    if (v === null || v === undefined) return '';
    if (typeof v === 'boolean') return v ? 'yes' : 'no';
    return String(v);
  }

  // GROUP BY answers: {"GroupByProject": {"Online Banking": {"COUNT": 3}, ...}} (nested, aliases allowed).
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const isGroupMap = (v) => isObject(v) && Object.values(v).every(isObject) && Object.keys(v).length > 0;

  function flatten(node, path, rows) {
    const values = {};
    let grouped = false;
    for (const [k, v] of Object.entries(node)) {
      if (isGroupMap(v)) {
        grouped = true;
        const level = k.replace(/^GroupBy/, '');
        for (const [group, inner] of Object.entries(v)) flatten(inner, [...path, [level, group]], rows);
      } else values[k] = v;
    }
    if (Object.keys(values).length || !grouped) rows.push({ path, values });
  }

  function aggregateView(results) {
    const rows = [];
    flatten(results, [], rows);
    const levels = [...new Set(rows.flatMap((r) => r.path.map(([l]) => l)))];
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
    const table = el(
      'table',
      { class: 'hits aggregate' },
      el('thead', {}, el('tr', {}, [...levels, ...keys].map((c) => el('th', { scope: 'col' }, c)))),
      el(
        'tbody',
        {},
        rows.map((r) => el('tr', {}, levels.map((l) => el('td', {}, (r.path.find(([x]) => x === l) || [, ''])[1])), keys.map((k) => el('td', { class: 'num' }, cell(r.values[k]))))),
      ),
    );
    const measure = keys.find((k) => rows.some((r) => typeof r.values[k] === 'number'));
    if (!measure || !levels.length) return table;
    const max = Math.max(1, ...rows.map((r) => Number(r.values[measure]) || 0));
    const chart = el(
      'figure',
      { class: 'chart' },
      el('figcaption', {}, `${measure} by ${levels.join(' / ')}`),
      rows.map((r) => {
        const v = Number(r.values[measure]) || 0;
        const label = r.path.map(([, g]) => g).join(' / ');
        return el('div', { class: 'bar-row' }, el('span', { class: 'bar-label', title: label }, label), el('span', { class: 'bar', style: `width: ${(v / max) * 100}%` }), el('span', { class: 'bar-value' }, v));
      }),
    );
    return el('div', { class: 'aggregate-view' }, table, chart);
  }

  // ---- one record --------------------------------------------------------------------------------------
  // Each opening or closing of the record panel takes a number; an answer that arrives after a later one is
  // dropped, so a record closed (Esc) while it was still loading stays closed.
  let panelTurn = 0;

  async function openEntity(href, expand, keepHistory) {
    const turn = ++panelTurn;
    const panel = $('entity');
    const url = new URL(href, location.href);
    if (expand) url.searchParams.set('$expand', expand);
    let rec;
    try {
      rec = await call(url.pathname + url.search);
    } catch (err) {
      if (turn !== panelTurn) return;
      panel.hidden = false;
      panel.replaceChildren(el('p', { class: 'error', role: 'alert' }, `${url.pathname}: ${err.message}`));
      return;
    }
    if (turn !== panelTurn) return;
    if (!keepHistory) state.history.push({ href, expand });
    renderEntity(rec, href, expand);
  }

  function renderEntity(rec, href, expanded) {
    const panel = $('entity');
    panel.hidden = false;
    const name = rec.Name || rec.UserName || rec.Title || rec.Key || rec.Id || 'record';
    const path = new URL(href, location.href).pathname;
    const fields = Object.entries(rec).filter(([k]) => !['Links', 'Expands', 'Self'].includes(k));
    const links = Array.isArray(rec.Links) ? rec.Links.filter((l) => l && l.Href) : [];
    const expands = Array.isArray(rec.Expands) ? rec.Expands : [];
    panel.replaceChildren(
      el(
        'div',
        { class: 'entity-head' },
        el('h2', { id: 'entity-title' }, String(name)),
        el('span', { class: 'spacer' }),
        state.history.length > 1 ? el('button', { type: 'button', onclick: back, title: 'Backspace' }, '← Back') : null,
        el('button', { type: 'button', onclick: closeEntity, title: 'Esc' }, 'Close'),
      ),
      el('code', { class: 'muted path' }, path),
      links.length ? el('div', { class: 'links' }, el('span', { class: 'muted' }, 'Links: '), links.map((l) => el('button', { type: 'button', class: 'link', 'data-rel': l.Rel, title: l.Href, onclick: () => openEntity(l.Href) }, `${l.Rel} →`))) : null,
      expands.length ? el('div', { class: 'links' }, el('span', { class: 'muted' }, 'Expand: '), expands.map((x) => el('button', { type: 'button', class: `expand${expanded === x ? ' on' : ''}`, 'data-expand': x, onclick: () => openEntity(href, x) }, `+ ${x}`))) : null,
      el('table', { class: 'fields' }, el('tbody', {}, fields.map(([k, v]) => el('tr', { class: expanded && k.toLowerCase() === expanded.toLowerCase() ? 'expanded' : '' }, el('th', { scope: 'row' }, k), el('td', {}, valueView(v)))))),
    );
    panel.scrollIntoView({ block: 'nearest' });
    panel.querySelector('button.link, button.expand')?.focus({ preventScroll: true });
  }

  function valueView(v) {
    if (v === null || v === undefined) return el('span', { class: 'muted' }, 'null');
    if (typeof v !== 'object') return String(v);
    if (Array.isArray(v) && v.every((x) => isObject(x) && x.Self)) {
      return el('ul', { class: 'refs' }, v.map((x) => el('li', {}, el('button', { type: 'button', class: 'link', onclick: () => openEntity(x.Self) }, String(x.Name || x.Title || x.Id)))));
    }
    if (isObject(v) && v.Self) return el('button', { type: 'button', class: 'link', onclick: () => openEntity(v.Self) }, String(v.Name || v.Title || v.Id));
    return el('pre', {}, JSON.stringify(v, null, 2));
  }

  function back() {
    if (state.history.length < 2) return;
    state.history.pop();
    const { href, expand } = state.history[state.history.length - 1];
    openEntity(href, expand, true);
  }

  function closeEntity() {
    panelTurn++;
    state.history = [];
    $('entity').hidden = true;
    $('entity').replaceChildren();
  }

  // ---- journal, live ---------------------------------------------------------------------------------------
  function journalRow(e) {
    if (!$('show-own').checked && e.Headers && e.Headers['x-et-explorer']) return null;
    const query = Object.keys(e.Query || {}).length ? `?${new URLSearchParams(Object.entries(e.Query).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])))}` : '';
    const kind = e.Status === 0 ? 'dropped' : e.Status >= 500 ? 's5' : e.Status >= 400 ? 's4' : 's2';
    return el(
      'tr',
      { tabindex: 0, 'data-id': e.Id, title: 'Show this call', onclick: () => showCall(e), onkeydown: (ev) => ev.key === 'Enter' && showCall(e) },
      el('td', { class: 'muted time' }, new Date(e.At).toLocaleTimeString([], { hour12: false })),
      el('td', { class: 'call' }, el('b', {}, e.Method), ' ', e.Path + query),
      el('td', { class: `status ${kind}` }, e.Status === 0 ? 'drop' : e.Status),
      el('td', { class: 'num' }, e.DurationMs.toFixed(1)),
    );
  }

  function showCall(e) {
    const panel = $('entity');
    panel.hidden = false;
    state.history = [];
    panel.replaceChildren(
      el('div', { class: 'entity-head' }, el('h2', { id: 'entity-title' }, `${e.Method} ${e.Path}`), el('span', { class: 'spacer' }), el('button', { type: 'button', onclick: closeEntity }, 'Close')),
      el('pre', {}, JSON.stringify(e, null, 2)),
    );
  }

  function addJournal(e) {
    const row = journalRow(e);
    if (!row) return;
    const body = $('journal').tBodies[0];
    body.prepend(row);
    while (body.rows.length > 200) body.deleteRow(-1);
  }

  async function streamJournal() {
    if (state.journalAbort) state.journalAbort.abort();
    const abort = new AbortController();
    state.journalAbort = abort;
    const live = $('live');
    while (!abort.signal.aborted) {
      try {
        const res = await fetch(adminUrl('/requests'), { headers: headers({ Accept: 'text/event-stream', ...(state.lastEventId ? { 'Last-Event-ID': String(state.lastEventId) } : {}) }), signal: abort.signal });
        if (!res.ok) throw new Error(`journal: ${res.status}`);
        live.className = 'live on';
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
            if (!data) continue;
            const entry = JSON.parse(data);
            state.lastEventId = Math.max(state.lastEventId, entry.Id);
            addJournal(entry);
          }
        }
      } catch (err) {
        if (abort.signal.aborted) return;
      }
      live.className = 'live off';
      await new Promise((r) => setTimeout(r, 1000)); // the fake restarted or the network blinked: try again
    }
  }

  // ---- faults --------------------------------------------------------------------------------------------
  async function loadFaults() {
    const { Items } = await call(adminUrl('/faults'));
    const box = $('faults');
    if (!Items.length) {
      box.replaceChildren(el('p', { class: 'muted' }, 'None. POST /__admin/faults adds one.'));
      return;
    }
    const what = (r) => [r.Latency ? `wait ${r.Latency.FixedMs ?? `${r.Latency.MinMs}–${r.Latency.MaxMs}`} ms` : '', r.Status ? `answer ${r.Status}` : '', r.Drop ? 'drop the connection' : ''].filter(Boolean).join(', ');
    box.replaceChildren(
      el(
        'table',
        { class: 'hits' },
        el('thead', {}, el('tr', {}, ['rule', 'does', 'fired', ''].map((c) => el('th', { scope: 'col' }, c)))),
        el(
          'tbody',
          {},
          Items.map((r) =>
            el(
              'tr',
              {},
              el('td', {}, `${r.Method || 'any'} ${r.Path}${r.Probability !== null ? ` (p ${r.Probability})` : ''}${r.Remaining !== null ? ` (${r.Remaining} left)` : ''}`),
              el('td', {}, what(r)),
              el('td', { class: 'num' }, r.Fired),
              el('td', {}, el('button', { type: 'button', class: 'small', onclick: () => act(() => call(adminUrl(`/faults/${r.Id}`), { method: 'DELETE' }), 'Fault rule removed.').then(loadFaults) }, 'Remove')),
            ),
          ),
        ),
      ),
    );
  }

  // ---- buttons ---------------------------------------------------------------------------------------------
  async function act(work, done) {
    try {
      await work();
      status(done, 'ok');
    } catch (err) {
      status(err.message, 'error');
    }
  }

  const scopeName = () => (state.sandbox ? `sandbox ${state.sandbox.slice(0, 8)}…` : "the fake's own state");

  $('reset').addEventListener('click', () => {
    if (!confirm(`Reset ${scopeName()} to its start data?`)) return;
    act(() => call(adminUrl('/reset'), { method: 'POST' }), `Reset ${scopeName()}.`).then(loadEntities);
  });

  $('download').addEventListener('click', () =>
    act(async () => {
      const data = await call(adminUrl('/snapshot'));
      const a = el('a', { href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })), download: `et-fake-${state.sandbox ? `sandbox-${state.sandbox.slice(0, 8)}` : 'state'}.json` });
      document.body.append(a);
      a.click();
      a.remove();
    }, 'Snapshot downloaded.'),
  );

  $('upload').addEventListener('change', (ev) => {
    const file = ev.target.files[0];
    ev.target.value = '';
    if (!file) return;
    act(async () => {
      const text = await file.text();
      await call(adminUrl('/snapshot'), { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: text });
      await loadEntities();
    }, `Loaded ${file.name} into ${scopeName()}.`);
  });

  $('new-sandbox').addEventListener('click', () =>
    act(async () => {
      const made = await call(`${prefix}/__admin/sandboxes`, { method: 'POST' });
      await loadScopes();
      await choose(made.Id);
    }, 'New sandbox made from the start data.'),
  );

  $('scope').addEventListener('change', (ev) => choose(ev.target.value));
  $('show-own').addEventListener('change', () => {
    state.lastEventId = 0;
    $('journal').tBodies[0].replaceChildren();
    streamJournal();
  });
  $('clear-journal').addEventListener('click', () =>
    act(async () => {
      await call(adminUrl('/requests'), { method: 'DELETE' });
      $('journal').tBodies[0].replaceChildren();
    }, 'Journal cleared.'),
  );

  $('query').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const tql = $('tql').value.trim();
    if (tql) runQuery(tql, 0);
  });

  $('login').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const form = ev.target;
    state.auth = basic(form.elements.user.value, form.elements.password.value);
    sessionStorage.setItem('et-fake-auth', state.auth);
    form.hidden = true;
    start();
  });

  document.addEventListener('keydown', (ev) => {
    const typing = ev.target instanceof HTMLInputElement || ev.target instanceof HTMLTextAreaElement || ev.target instanceof HTMLSelectElement;
    if (ev.key === '/' && !typing) {
      ev.preventDefault();
      $('tql').focus();
      $('tql').select();
    } else if (ev.key === 'Escape') {
      closeEntity();
    } else if (ev.key === 'Backspace' && !typing && state.history.length > 1) {
      ev.preventDefault();
      back();
    }
  });

  async function start() {
    try {
      await loadScopes();
      await choose(state.sandbox);
      status('');
    } catch (err) {
      status(err.status === 401 || err.status === 403 ? `Not allowed: ${err.message}` : err.message, 'error');
      if (err.status === 401 || err.status === 403) showLogin();
    }
  }

  start();
})();
