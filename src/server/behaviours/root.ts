// GET /api/: the root resource lists every root relation of the spec, with the methods and query styles
// of its path. Built once; only the link base changes per request.
import type { EtCall } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { json } from '../http/responses.ts';

interface RootEntry {
  Title: string;
  path: string;
  Rel: string;
  Description: string;
  SupportedHttpMethods: string[];
  SupportsOData: boolean;
  SupportsTQL: boolean;
}

function rootEntries(engine: Engine): RootEntry[] {
  const byPath = new Map<string, RootEntry>();
  for (const op of engine.operations) {
    if (!op.rootRelation) continue;
    let entry = byPath.get(op.path);
    if (!entry) {
      entry = { Title: op.resource ?? op.rootRelation, path: op.path, Rel: op.rootRelation, Description: '', SupportedHttpMethods: [], SupportsOData: false, SupportsTQL: false };
      byPath.set(op.path, entry);
    }
    for (const o of engine.operations) {
      if (o.path !== op.path || entry.SupportedHttpMethods.includes(o.method)) continue;
      entry.SupportedHttpMethods.push(o.method);
      if (o.query === 'odata') entry.SupportsOData = true;
      if (o.query === 'tql') entry.SupportsTQL = true;
      if (!entry.Description && o.method === 'GET' && o.summary) entry.Description = o.summary;
    }
    if (!entry.Description) entry.Description = op.summary ?? '';
  }
  return [...byPath.values()].sort((a, b) => a.Rel.localeCompare(b.Rel));
}

export const root = (_op: unknown, engine: Engine) => {
  const entries = rootEntries(engine);
  return (call: EtCall) =>
    json({
      Links: entries.map(({ path, ...e }) => ({
        Title: e.Title,
        Href: call.base + path,
        Rel: e.Rel,
        Description: e.Description,
        SupportedHttpMethods: e.SupportedHttpMethods,
        SupportsOData: e.SupportsOData,
        SupportsTQL: e.SupportsTQL,
        // ET's Help points at its API help; the fake's is the reference page /docs.
        Help: `${call.base}/docs`,
      })),
    });
};
