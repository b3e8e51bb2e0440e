// Provider states: the sentences a pact's interactions are `given`, and how the fake sets each one up in a
// fresh sandbox. A state is recognised by its sentence (so a client team can write them by hand); its
// params may carry records the state needs (`upsert`, `remove`), which are applied first.
import { randomUUID } from 'node:crypto';
import { GRANT_ENTITY } from '../../server/accounts/grants.ts';
import type { Rec, Store } from '../../store/index.ts';

/** What a state's set-up works on: the sandbox's store, and the fake's API inside that sandbox. */
export interface StateTarget {
  store: Store;
  request(method: string, path: string, body?: unknown): Promise<Response>;
}

/**
 * Record changes a state carries, by entity: records to put in place (`upsert`), records whose fields are
 * laid over the stored ones or inserted when absent (`merge`), Ids to take away (`remove`), and Ids listed
 * first, in this order (`first`: the order ET listed them in, where the query names none).
 */
export interface DataChanges {
  upsert?: Record<string, Rec[]>;
  merge?: Record<string, Rec[]>;
  remove?: Record<string, string[]>;
  first?: Record<string, string[]>;
}

export class StateError extends Error {
  override name = 'StateError';
}

interface StateKind {
  /** The sentence's shape, for the list of known states. */
  shape: string;
  pattern: RegExp;
  setup(t: StateTarget, m: string[]): Promise<void> | void;
}

export const BASELINE_STATE = 'ET holds its documented example data';
export const RECORDED_STATE = 'the data as the recorded session left it';
/** A read's answer shows records: they are stored as it shows them (params: merge), and a whole list's other records are not (params: remove). */
export const SHOWN_STATE = 'ET holds the records this example shows';

/** `ScriptAssignment` -> `script assignment`. */
export const entityWords = (entity: string) => entity.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

/** `script assignment` -> the store's `ScriptAssignment` (any case, spaces or none). */
function entityOf(store: Store, words: string): string {
  const want = words.replace(/\s+/g, '').toLowerCase();
  const found = store.entities().find((e) => e.toLowerCase() === want);
  if (!found) throw new StateError(`The fake keeps no records of the kind '${words}'.`);
  return found;
}

function recordOf(store: Store, words: string, id: string): Rec {
  const entity = entityOf(store, words);
  const rec = store.collection(entity).get(id);
  if (!rec) throw new StateError(`The fake's data has no ${entityWords(entity)} with the Id '${id}'.`);
  return rec;
}

const NAME_FIELDS = ['Name', 'UserName', 'Key'];

async function expectOk(res: Response, what: string): Promise<void> {
  if (res.status >= 300) throw new StateError(`${what} failed: ${res.status} ${await res.text()}`);
}

const KINDS: StateKind[] = [
  { shape: BASELINE_STATE, pattern: /^ET holds its documented example data$/i, setup: () => undefined },
  { shape: `${RECORDED_STATE} (params: upsert, remove)`, pattern: /^the data as the recorded session left it$/i, setup: () => undefined },
  { shape: `${SHOWN_STATE} (params: merge, remove, first)`, pattern: /^ET holds the records this example shows$/i, setup: () => undefined },
  {
    shape: 'script assignment {id} exists with a completed run',
    pattern: /^script assignment (\S+) exists with a completed run$/i,
    setup: ({ store }, [, id]) => {
      const assignment = recordOf(store, 'script assignment', id!);
      const runs = store.collection('ScriptRun');
      const mine = runs.where('AssignmentId', assignment.Id);
      // The latest run is the one a new start looks at: complete them all (ET: "the state of the current run is complete").
      for (const run of mine) if (run.Completed !== true) runs.update(run.Id, { Completed: true, Status: run.Status === 'NotRun' ? 'Passed' : run.Status });
      if (!mine.length) {
        const at = new Date(0).toISOString();
        runs.insert({ Id: randomUUID(), AssignmentId: assignment.Id, ScriptId: assignment.ScriptId ?? null, Status: 'Passed', Completed: true, CreatedAt: at, LastUpdatedAt: at });
      }
    },
  },
  {
    shape: 'incident {incidentId} is linked to step result {stepResultId}',
    pattern: /^incident (\S+) is linked to step result (\S+)$/i,
    setup: async (t, [, incident, step]) => {
      await expectOk(await t.request('POST', `/api/stepresult/${encodeURIComponent(step!)}/incidents`, { IncidentId: incident }), `Linking incident ${incident} to step result ${step}`);
    },
  },
  {
    shape: 'incident {incidentId} is not linked to step {stepId} of agile run {runId}',
    pattern: /^incident (\S+) is not linked to step (\S+) of agile run (\S+)$/i,
    setup: async (t, [, incident, step, run]) => {
      const res = await t.request('DELETE', `/api/agilerun/${encodeURIComponent(run!)}/step/${encodeURIComponent(step!)}/incident/${encodeURIComponent(incident!)}`);
      if (res.status !== 404) await expectOk(res, `Unlinking incident ${incident} from step ${step}`);
    },
  },
  {
    shape: 'user {userName} holds the permission {key}',
    pattern: /^user (\S+) holds the permission (\S+)$/i,
    setup: ({ store }, [, userName, key]) => {
      const user = [...store.collection('User').values()].find((u) => String(u.UserName).toLowerCase() === userName!.toLowerCase());
      if (!user) throw new StateError(`The fake's data has no user named '${userName}'.`);
      // A global grant: the key (and every key below it) in every project.
      store.collection(GRANT_ENTITY).replace({ Id: `state-grant-${user.Id}-${key}`, HolderType: 'User', HolderId: user.Id, ProjectId: null, Key: key });
    },
  },
  {
    shape: 'nothing is held at {path}',
    pattern: /^nothing is held at (\/\S*)$/i,
    // Resources the fake answers from the documentation keep their state by path (ResourceState).
    setup: ({ store }, [, path]) => void store.collection('ResourceState').replace({ Id: path!.toLowerCase(), Body: null, Absent: true }),
  },
  {
    shape: "no {kind} named '{name}'",
    pattern: /^no (.+?) named '(.*)'$/i,
    setup: ({ store }, [, words, name]) => {
      const col = store.collection(entityOf(store, words!));
      for (const rec of [...col.values()]) if (NAME_FIELDS.some((f) => typeof rec[f] === 'string' && (rec[f] as string).toLowerCase() === name!.toLowerCase())) col.remove(rec.Id);
    },
  },
  {
    shape: 'no {kind} with the Id {id}',
    pattern: /^no (.+?) with the Id (\S+)$/i,
    setup: ({ store }, [, words, id]) => {
      // Kinds the fake keeps inside other records (a run's steps) have no collection: any holder of the Id.
      const named = store.entities().find((e) => e.toLowerCase() === words!.replace(/\s+/g, '').toLowerCase());
      const entity = named ?? store.entities().find((e) => store.collection(e).get(id!));
      if (entity) store.collection(entity).remove(id!);
    },
  },
  {
    shape: '{kind} {id} exists',
    pattern: /^(.+?) (\S+) exists$/i,
    setup: ({ store }, [, words, id]) => void recordOf(store, words!, id!),
  },
];

/** The state sentences the fake knows, as shapes (for error messages and GET /__admin/provider-states). */
export const KNOWN_STATES = KINDS.map((k) => k.shape);

export function isKnownState(name: string): boolean {
  return KINDS.some((k) => k.pattern.test(name));
}

/** Applies a state (its params' changes first) to the target; throws StateError when it cannot be set up. */
export async function setUpState(t: StateTarget, name: string, params: unknown): Promise<void> {
  const kind = KINDS.find((k) => k.pattern.test(name));
  if (!kind) throw new StateError(`Unknown provider state '${name}'. The fake knows: ${KNOWN_STATES.join('; ')}.`);
  applyChanges(t.store, params);
  await kind.setup(t, kind.pattern.exec(name)!.slice(0));
}

function applyChanges(store: Store, params: unknown): void {
  if (!params || typeof params !== 'object') return;
  const { upsert, merge, remove, first } = params as DataChanges;
  if (remove && typeof remove === 'object') {
    for (const [entity, ids] of Object.entries(remove)) if (Array.isArray(ids)) for (const id of ids) store.collection(entity).remove(String(id));
  }
  if (upsert && typeof upsert === 'object') {
    for (const [entity, recs] of Object.entries(upsert)) {
      if (!Array.isArray(recs)) continue;
      for (const rec of recs) {
        if (!rec || typeof rec !== 'object' || typeof (rec as Rec).Id !== 'string') throw new StateError(`The state's upsert of ${entity} has a record without an Id.`);
        store.collection(entity).replace(rec as Rec);
      }
    }
  }
  if (merge && typeof merge === 'object') {
    for (const [entity, recs] of Object.entries(merge)) {
      if (!Array.isArray(recs)) continue;
      const col = store.collection(entity);
      for (const rec of recs) {
        if (!rec || typeof rec !== 'object' || typeof (rec as Rec).Id !== 'string') throw new StateError(`The state's merge of ${entity} has a record without an Id.`);
        const stored = col.get((rec as Rec).Id);
        col.replace(stored ? { ...stored, ...(rec as Rec), Id: stored.Id } : (rec as Rec));
      }
    }
  }
  if (first && typeof first === 'object') {
    for (const [entity, ids] of Object.entries(first)) {
      if (!Array.isArray(ids)) continue;
      const col = store.collection(entity);
      const lead = [...new Set(ids.map((id) => col.get(String(id))).filter((r): r is Rec => !!r))];
      const rest = [...col.values()].filter((r) => !lead.includes(r));
      for (const r of [...col.values()]) col.remove(r.Id);
      for (const r of [...lead, ...rest]) col.insert(r);
    }
  }
}
