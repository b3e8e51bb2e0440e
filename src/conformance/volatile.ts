// The one rule for volatile values: a value the server made up while answering this request (a GUID no
// record held before it, a timestamp no earlier than the request) stands for whatever the documentation
// shows in its place. A made-up GUID is bound to the first documented GUID it meets, so the same new Id
// must come back wherever the documentation repeats its Id (Self, Location, a child's foreign key).

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export class Volatile {
  /** Generated GUID (lower case) -> the documented GUID it stands for. */
  private readonly bound = new Map<string, string>();
  /** The other way: one documented GUID stands for one made-up GUID only. */
  private readonly boundTo = new Map<string, string>();

  /**
   * @param known GUIDs (lower case) that existed before the request: in the sandbox or in the request itself.
   * @param since when the request was sent (ms); timestamps from then on were made up by the server.
   */
  constructor(
    private readonly known: Set<string>,
    private readonly since: number,
  ) {}

  /** Whether the answered text is the documented one, once volatile values are taken as what they stand for. */
  sameText(actual: string, expected: string): boolean {
    if (actual === expected) return true;
    if (TIMESTAMP.test(actual) && TIMESTAMP.test(expected) && this.isNew(actual)) return true;
    const a = split(actual);
    const e = split(expected);
    if (a.length !== e.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (i % 2 === 0) {
        if (a[i] !== e[i]) return false;
        continue;
      }
      const got = a[i]!.toLowerCase();
      const want = e[i]!.toLowerCase();
      if (got === want) continue;
      if (this.known.has(got)) return false;
      const prior = this.bound.get(got);
      if (prior === undefined) {
        if (this.boundTo.has(want)) return false;
        this.bound.set(got, want);
        this.boundTo.set(want, got);
      } else if (prior !== want) return false;
    }
    return true;
  }

  /** A copy to try a comparison with; `adopt` keeps its bindings when the trial is the one taken. */
  fork(): Volatile {
    const v = new Volatile(this.known, this.since);
    for (const [k, w] of this.bound) v.bound.set(k, w);
    for (const [k, w] of this.boundTo) v.boundTo.set(k, w);
    return v;
  }

  adopt(trial: Volatile): void {
    if (trial === this) return;
    for (const [k, w] of trial.bound) this.bound.set(k, w);
    for (const [k, w] of trial.boundTo) this.boundTo.set(k, w);
  }

  private isNew(timestamp: string): boolean {
    const t = Date.parse(timestamp);
    return Number.isFinite(t) && t >= this.since - 1000;
  }
}

/** Text split at GUIDs: even indexes the text between, odd indexes the GUIDs. */
function split(text: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (const m of text.matchAll(GUID)) {
    out.push(text.slice(last, m.index), m[0]);
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

/** Every GUID in a value (strings, arrays, objects), lower case. */
export function guidsIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') for (const m of value.matchAll(GUID)) into.add(m[0].toLowerCase());
  else if (Array.isArray(value)) for (const v of value) guidsIn(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) guidsIn(v, into);
  return into;
}
