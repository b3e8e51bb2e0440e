// Which provider state a documented example needs, read from the example and the fake's start data: the
// records its path names exist (or, for a documented 404, do not), a create finds no record of that name,
// and the handful of ET behaviours whose answer depends on state (an open or completed run, a link).
import { basicAuthorization } from '../server/accounts/basic.ts';
import { hasPermission } from '../server/accounts/grants.ts';
import { STEP_COPIED_FIELDS } from '../server/behaviours/script-run-start.ts';
import type { Rec, Store } from '../store/index.ts';
import type { DocumentedExample } from './examples.ts';
import { BASELINE_STATE, entityWords, SHOWN_STATE, type DataChanges } from './provider/states.ts';

/** The records an example's answer shows, by entity, in stored form. */
export type ShownRecords = (e: DocumentedExample) => Record<string, Rec[]>;

export interface ProviderState {
  name: string;
  params?: DataChanges;
}

/** Which collection holds a record with this Id (start data), if any. */
function holderOf(store: Store, id: string): string | undefined {
  return store.entities().find((e) => store.collection(e).get(id));
}

const NAME_FIELDS = ['Name', 'UserName', 'Key'];

export function statesFor(e: DocumentedExample, start: Store, all: DocumentedExample[], shown?: ShownRecords): ProviderState[] {
  const { op, ex, resource } = e;
  const states: ProviderState[] = [];
  const behaviour = op.behaviour ?? resource.behaviourByMethod?.[op.method];
  const body = ex.requestBody && typeof ex.requestBody === 'object' ? (ex.requestBody as Record<string, unknown>) : undefined;
  const created = ex.responseBody && typeof ex.responseBody === 'object' ? (ex.responseBody as Record<string, unknown>) : undefined;

  // A read shows the state it was taken in: its records as it shows them (examples disagree on details, and
  // the start data can hold only one version of a record).
  if (shown && op.method === 'GET' && ex.status < 300) {
    const records = Object.fromEntries(Object.entries(shown(e)).filter(([, recs]) => recs.length));
    const remove = notListed(e, start);
    const params: DataChanges = {};
    if (Object.keys(records).length) params.merge = records;
    if (remove) params.remove = remove;
    const first = listedFirst(e);
    if (first) params.first = first;
    if (params.merge || params.remove) states.push({ name: SHOWN_STATE, params });
  }

  // An update's answer shows the record's other fields as they were before it (what the request does not set).
  if (shown && (op.method === 'PUT' || op.method === 'PATCH') && ex.status < 300) {
    const before = priorState(e, shown(e));
    if (before) states.push({ name: SHOWN_STATE, params: { merge: before } });
  }

  // A call the answer says a user made: that user could make it, whatever the start data grants.
  if (e.actingUser && op.permissions.length) {
    const user = [...start.collection('User').values()].find((u) => String(u.UserName).toLowerCase() === e.actingUser!.toLowerCase());
    if (user && !hasPermission(start, user, op.permissions)) states.push({ name: `user ${e.actingUser} holds the permission ${op.permissions[0]}` });
  }

  // State-dependent behaviours: what the example shows is the state it was taken in.
  if (behaviour === 'script-run-start' && ex.status === 201) {
    const id = Object.values(ex.pathParams)[0]!;
    states.push({ name: `script assignment ${id} exists with a completed run` });
    const steps = scriptShownBySteps(created, start.collection('ScriptAssignment').get(id));
    if (steps) states.push({ name: SHOWN_STATE, params: { merge: steps } });
  }
  if (behaviour === 'incident-links' && op.method === 'POST' && ex.status === 201 && typeof body?.IncidentId === 'string' && ex.pathParams.runId && ex.pathParams.stepId) {
    states.push({ name: `incident ${body.IncidentId} is not linked to step ${ex.pathParams.stepId} of agile run ${ex.pathParams.runId}` });
  }
  if (behaviour === 'step-result-incidents' && op.method === 'DELETE' && ex.status < 300) {
    const [step, incident] = Object.values(ex.pathParams) as [string, string];
    states.push({ name: `incident ${incident} is linked to step result ${step}` });
  }
  if (behaviour === 'relationship-item' && ex.status < 300) {
    const id = ex.pathParams.id!;
    if (!start.collection('Relationship').get(id)) {
      const rec = documentedRelationship(all, id, ex.pathParams.key!);
      if (rec) states.push({ name: `relationship ${id} exists`, params: { upsert: { Relationship: [rec] } } });
    }
  }

  // A create that documents success: no record of that name yet (the start data holds the documented result).
  if (op.method === 'POST' && ex.status < 300 && body) {
    const field = NAME_FIELDS.find((f) => typeof body[f] === 'string');
    const entity = (typeof created?.Id === 'string' && holderOf(start, created.Id)) || resource.entity;
    if (field && entity) states.push({ name: `no ${entityWords(entity)} named '${body[field] as string}'` });
    // Records without a name (an incident's Summary): the documented result itself is not there yet.
    else if ((ex.status === 201 || !behaviour) && typeof created?.Id === 'string' && holderOf(start, created.Id)) states.push({ name: `no ${entityWords(holderOf(start, created.Id)!)} with the Id ${created.Id}` });
  }

  // A resource without records behind it, documented as missing: nothing is there in the example's state.
  if (op.method === 'GET' && ex.status === 404 && !resource.entity && !Object.keys(ex.pathParams).length) states.push({ name: `nothing is held at ${e.path}` });

  // The records the path names.
  for (const [param, value] of Object.entries(ex.pathParams)) {
    if (states.some((s) => s.name.includes(value))) continue;
    const holder = holderOf(start, value);
    if (holder) states.push({ name: `${entityWords(holder)} ${value} exists` });
    else if (ex.status === 404) states.push({ name: `no ${entityWords(entityOfParam(e, param) ?? 'record')} with the Id ${value}` });
  }
  if (!states.some((s) => s.name !== SHOWN_STATE)) states.unshift({ name: BASELINE_STATE });
  return states;
}

/**
 * A new run's step results are copies of its script's steps: an answer that shows them shows the steps the
 * script had in its state. That script, with those steps, to merge.
 */
function scriptShownBySteps(created: Record<string, unknown> | undefined, assignment: Rec | undefined): Record<string, Rec[]> | undefined {
  const results = created?.StepResults;
  const scriptId = typeof created?.ScriptId === 'string' ? created.ScriptId : assignment?.ScriptId;
  if (!Array.isArray(results) || !results.length || typeof scriptId !== 'string') return undefined;
  const Steps = results.map((r, OrderNumber) => ({ ...Object.fromEntries(STEP_COPIED_FIELDS.map((f) => [f, (r as Record<string, unknown>)?.[f] ?? null])), OrderNumber }));
  return { Script: [{ Id: scriptId, Steps }] };
}

/** Fields an update itself changes: they are not part of the state before it. */
const UPDATE_FILLED = new Set(['LastUpdatedAt', 'LastUpdatedBy', 'LastUpdatedById', 'VersionNumber']);

/** The updated record (the one the path names last) as a plain update's answer shows it, less what the request sets. */
function priorState(e: DocumentedExample, records: Record<string, Rec[]>): Record<string, Rec[]> | undefined {
  const id = Object.values(e.ex.pathParams).at(-1)?.toLowerCase();
  const body = e.ex.requestBody;
  if (!id || !body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const given = new Set(Object.keys(body));
  // Only a plain update (each field it sends comes back as sent): an action's answer (AttemptToComplete)
  // shows consequences of the call, not the state before it.
  const answer = e.ex.responseBody as Record<string, unknown> | undefined;
  if (!answer || typeof answer !== 'object' || [...given].some((k) => JSON.stringify(answer[k]) !== JSON.stringify((body as Record<string, unknown>)[k]))) return undefined;
  for (const [entity, recs] of Object.entries(records)) {
    const rec = recs.find((r) => r.Id.toLowerCase() === id);
    if (!rec) continue;
    const kept: Record<string, unknown> = Object.fromEntries(Object.entries(rec).filter(([k]) => k === 'Id' || (!given.has(k) && !UPDATE_FILLED.has(k))));
    // A save raises the version by one: the record the answer shows as version N was version N - 1 before it.
    if (typeof answer.VersionNumber === 'number' && answer.VersionNumber > 1) kept.VersionNumber = answer.VersionNumber - 1;
    return Object.keys(kept).length > 1 ? { [entity]: [kept as Rec] } : undefined;
  }
  return undefined;
}

/** Query parameters that shape each item but do not narrow the list. */
const NOT_NARROWING = new Set(['$expand', '$inlinecount', 'format']);

/**
 * A whole list (no filter, no page, every record it counts shown): the records of its collection it does not
 * show do not exist in the state it was taken in. Those records of the start data, to remove.
 */
function notListed(e: DocumentedExample, start: Store): Record<string, string[]> | undefined {
  const { resource, ex } = e;
  const body = ex.responseBody;
  if (Object.keys(e.query).some((q) => !NOT_NARROWING.has(q.toLowerCase()))) return undefined;
  const perRecord = onePerRecord(body, start);
  if (perRecord) return perRecord;
  const items = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { Items?: unknown }).Items) ? ((body as { Items: unknown[] }).Items) : undefined;
  if (!items || !resource.entity) return undefined;
  const total = (body as { Total?: unknown }).Total;
  if (typeof total === 'number' && total !== items.length) return undefined;
  const parent = resource.parent;
  if (!parent && resource.path.includes('{')) return undefined;
  const owner = parent ? ex.pathParams[parent.param] : undefined;
  if (parent && owner === undefined) return undefined;
  const col = start.collection(resource.entity);
  const scope = parent ? col.where(parent.foreignKey, owner) : [...col.values()];
  const listed = new Set(items.map((i) => String((i as { Id?: unknown })?.Id ?? '').toLowerCase()));
  const ids = scope.map((r) => r.Id).filter((id) => !listed.has(id.toLowerCase()));
  return ids.length ? { [resource.entity]: ids } : undefined;
}

/**
 * A first page listed in no order the query names: in its state, the records it shows come first, as shown
 * (which records a page holds depends on ET's own order).
 */
function listedFirst(e: DocumentedExample): Record<string, string[]> | undefined {
  const { resource, ex, query } = e;
  const body = ex.responseBody as { Items?: unknown } | undefined;
  const lower = Object.fromEntries(Object.entries(query).map(([k, v]) => [k.toLowerCase(), v]));
  if (!resource.entity || !body || !Array.isArray(body.Items) || Number(lower.$skip ?? 0) > 0 || lower.$orderby || /\border\s+by\b/i.test(lower.tql ?? '')) return undefined;
  const ids = body.Items.map((i) => (i as { Id?: unknown })?.Id).filter((id): id is string => typeof id === 'string');
  return ids.length > 1 ? { [resource.entity]: ids } : undefined;
}

/**
 * An answer that is one list of entries, one per record of some kind (`{"Projects": [{"ProjectId", "Links"}]}`:
 * a link for each project): the records of that kind it has no entry for do not exist in its state.
 */
function onePerRecord(body: unknown, start: Store): Record<string, string[]> | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const values = Object.values(body);
  const entries = values[0];
  if (values.length !== 1 || !Array.isArray(entries) || !entries.length) return undefined;
  const first = entries[0] as Record<string, unknown>;
  if (!first || typeof first !== 'object' || 'Id' in first) return undefined;
  const keys = Object.keys(first).filter((k) => /^[A-Z]\w*Id$/.test(k));
  if (keys.length !== 1) return undefined;
  const entity = keys[0]!.slice(0, -2);
  if (!start.entities().includes(entity)) return undefined;
  const named = new Set(entries.map((i) => String((i as Record<string, unknown>)[keys[0]!] ?? '').toLowerCase()));
  const ids = [...start.collection(entity).values()].map((r) => r.Id).filter((id) => !named.has(id.toLowerCase()));
  return ids.length ? { [entity]: ids } : undefined;
}

function entityOfParam(e: DocumentedExample, param: string): string | undefined {
  if (e.resource.parent?.param === param) return e.resource.parent.entity;
  const last = /\{([^}]+)\}$/.exec(e.resource.path)?.[1];
  if (last === param && e.resource.entity) return e.resource.entity;
  const m = /^(\w+)Id$/.exec(param);
  return m ? m[1]![0]!.toUpperCase() + m[1]!.slice(1) : undefined;
}

/** The relationship a documented create answered with this RelationshipId, as the store keeps it. */
function documentedRelationship(all: DocumentedExample[], id: string, key: string): Rec | undefined {
  for (const other of all) {
    const res = other.ex.responseBody as Record<string, unknown> | undefined;
    const req = other.ex.requestBody as Record<string, unknown> | undefined;
    if (other.op.method !== 'POST' || !res || !req || String(res.RelationshipId ?? '').toLowerCase() !== id.toLowerCase()) continue;
    return {
      Id: id,
      RelationshipTypeKey: key,
      RelationshipDirection: req.RelationshipDirection ?? 'SourceToDestination',
      SourceEntityId: req.SourceEntityId,
      SourceEntityType: req.SourceEntityType,
      DestinationEntityId: req.DestinationEntityId,
      DestinationEntityType: req.DestinationEntityType,
    };
  }
  return undefined;
}

/** The password every user of the fake's start data has (fixtures/default.json's UserCredential records). */
const START_PASSWORD = 'password';

/**
 * Who made the documented call, when the example does not show its credentials but its answer says: a
 * create's `CreatedBy`, an update's `LastUpdatedBy`, the user a `CurrentUser()` query matched. The call is
 * replayed as that user (the start data's users share one password); Administrator's calls stay as they are.
 */
export function withActingUser(e: DocumentedExample, start: Store): DocumentedExample {
  if (Object.keys(e.headers).some((k) => k.toLowerCase() === 'authorization') || e.ex.status >= 300) return e;
  const first = firstRecord(e.ex.responseBody);
  if (!first) return e;
  const users = start.collection('User');
  const byName = (v: unknown) => (typeof v === 'string' ? [...users.values()].find((u) => String(u.UserName).toLowerCase() === v.toLowerCase()) : undefined);
  const byId = (v: unknown) => (typeof v === 'string' ? users.get(v) : undefined);
  const envelope = !!e.ex.responseBody && typeof e.ex.responseBody === 'object' && 'Items' in (e.ex.responseBody as object);
  const field = e.op.method === 'POST' && !envelope ? 'CreatedBy' : e.op.method === 'PUT' || e.op.method === 'PATCH' ? 'LastUpdatedBy' : /(\w+)\s*(?:=|IN)\s*\(?\s*CurrentUser\(\)/i.exec(e.query.tql ?? '')?.[1];
  if (!field) return e;
  const user = byName(first[field]) ?? byId(first[`${field}Id`]);
  if (!user || typeof user.UserName !== 'string' || user.UserName.toLowerCase() === 'administrator') return e;
  const Authorization = basicAuthorization({ userName: user.UserName, password: START_PASSWORD });
  return { ...e, headers: { ...e.headers, Authorization }, actingUser: user.UserName };
}

function firstRecord(body: unknown): Record<string, unknown> | undefined {
  const list = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { Items?: unknown }).Items) ? (body as { Items: unknown[] }).Items : [body];
  const first = list[0];
  return first && typeof first === 'object' && !Array.isArray(first) ? (first as Record<string, unknown>) : undefined;
}
