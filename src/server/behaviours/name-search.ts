// Partial-name searches behind ET's pickers and auto-complete boxes: /api/userssearch, /api/groupssearch,
// /api/projectssearch, /api/project/{projectId}/assignees, a project's external system links
// (/api/project/{projectId}/searchlinks) and the pick list searches of a project or the organisation.
// `query` keeps the records whose display fields contain it (case-insensitive); with `valuesqry=true` it
// is instead a list of exact values (Ids or names, separated by "," or "|") to resolve. The POST variants
// send the same fields as a form, so long value lists fit.
import type { EtCall } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { selectRecords } from '../engine/handlers/collection.ts';
import { entityOf, findOr404 } from '../engine/handlers/lookup.ts';
import { parseExpand } from '../engine/hypermedia.ts';
import { json } from '../http/responses.ts';
import { envelope, pagingOf } from '../engine/paging.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec } from '../engine/store-types.ts';

/** The fields a partial `query` is matched against, per entity (ET matches what its pickers show). */
const DISPLAY_FIELDS: Record<string, string[]> = {
  User: ['UserName', 'FirstName', 'LastName', 'FullName'],
  Group: ['Name'],
  Project: ['Name'],
  Picklist: ['Text'],
  ExternalSystemLink: ['Name'],
};
/** The fields an exact value (valuesqry) may name, besides Id. */
const VALUE_FIELDS: Record<string, string[]> = {
  User: ['UserName'],
  Group: ['Name'],
  Project: ['Name'],
  Picklist: ['Text'],
  ExternalSystemLink: ['Name'],
};

const fullName = (r: Rec) => `${r.FirstName ?? ''} ${r.LastName ?? ''}`.trim();

function texts(entity: string, rec: Rec, fields: string[]): string[] {
  return fields.map((f) => (f === 'FullName' && entity === 'User' ? fullName(rec) : rec[f])).filter((v): v is string => typeof v === 'string' && v !== '');
}

/** The search fields: the query string, overlaid by the form fields of a POST. */
export async function searchFields(call: EtCall): Promise<URLSearchParams> {
  const fields = new URLSearchParams(call.query);
  if (call.c.req.method !== 'POST') return fields;
  const text = await call.c.req.text();
  if ((call.c.req.header('content-type') ?? '').includes('json') && text.trim()) {
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      for (const [k, v] of Object.entries(body ?? {})) if (v !== null && v !== undefined) fields.set(k, String(v));
    } catch {
      // Not JSON after all: read it as a form below.
      for (const [k, v] of new URLSearchParams(text)) fields.set(k, v);
    }
  } else for (const [k, v] of new URLSearchParams(text)) fields.set(k, v);
  return fields;
}

/** The exact values of a valuesqry search, in the order given. */
export const valueList = (query: string): string[] =>
  query
    .split(/[|,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Records matching the search, in the order ET answers them. */
export function matchByName(entity: string, records: Rec[], fields: URLSearchParams): Rec[] {
  const query = (fields.get('query') ?? '').trim();
  const sortOrder = (a: Rec, b: Rec) => Number(a.SortOrder ?? 0) - Number(b.SortOrder ?? 0);
  if ((fields.get('valuesqry') ?? '').toLowerCase() === 'true') {
    const keys = [...(VALUE_FIELDS[entity] ?? []), 'Id'];
    const found: Rec[] = [];
    for (const value of valueList(query.toLowerCase())) {
      for (const rec of records)
        if (!found.includes(rec) && texts(entity, rec, keys).some((t) => t.toLowerCase() === value)) found.push(rec);
    }
    // Pick list values keep their list order; other pickers answer in the order the values were asked for.
    return entity === 'Picklist' ? found.sort(sortOrder) : found;
  }
  const needle = query.toLowerCase();
  const display = DISPLAY_FIELDS[entity] ?? ['Name'];
  const hits = needle ? records.filter((r) => texts(entity, r, display).some((t) => t.toLowerCase().includes(needle))) : [...records];
  if (entity === 'Picklist') return hits.sort(sortOrder);
  const label = (r: Rec) => (entity === 'User' ? fullName(r) || String(r.UserName ?? '') : String(r.Name ?? '')).toLowerCase();
  return hits.sort((a, b) => label(a).localeCompare(label(b)));
}

/**
 * Whether the answer carries Skip/Top/Total: ET's pages differ per search (the project pick list search and
 * the project search answer just Items), so follow the operation's own documented example.
 */
function envelopeStyle(op: OperationSpec): 'tql' | 'odata' {
  if (op.query === 'odata') return 'odata';
  const example = op.exampleBodies.get(200);
  return example && typeof example === 'object' && !('Total' in example) ? 'odata' : 'tql';
}

export const nameSearch = (op: OperationSpec, _engine: Engine) => async (call: EtCall): Promise<Response> => {
  const def = entityOf(call);
  const fields = await searchFields(call);
  // A project's assignees are users, who carry no ProjectId: the project must exist, then any user qualifies.
  const scope = op.parent && !def.fieldByLower.has(op.parent.foreignKey.toLowerCase()) ? op.parent : undefined;
  if (scope) findOr404(call, scope.entity, call.params[scope.param]!);
  const narrowed: EtCall = { ...call, op: scope ? { ...op, parent: undefined } : op, query: withoutSearchFields(fields) };
  // The generic selection does the rest (parent, other path parameters, visibility, $filter); `query` is ours.
  const selected = await selectRecords(narrowed);
  let records = 'records' in selected ? selected.records : [];
  // Disabled users cannot be given work.
  if (scope && def.name === 'User') records = records.filter((u) => u.Enabled !== false);
  const found = matchByName(def.name, records, fields);
  const paging = pagingOf(fields);
  const expand = parseExpand(fields.get('$expand'));
  const page = found.slice(paging.skip, paging.skip + paging.top).map((r) => call.engine.presenter.present(def.name, r, call.base, expand));
  return json(envelope(envelopeStyle(op), paging, found.length, page, call.c.req.url));
};

function withoutSearchFields(fields: URLSearchParams): URLSearchParams {
  const rest = new URLSearchParams(fields);
  rest.delete('query');
  rest.delete('valuesqry');
  return rest;
}
