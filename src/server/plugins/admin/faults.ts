// Fault rules: make matching calls slow, fail with a status, or drop the connection, always or with a
// probability, or for the next N matching calls only. Rules are checked in the order they were added; the
// first that fires decides.
import { randomUUID } from 'node:crypto';
import { pathMatcher, type PathMatcher } from './pattern.ts';

export interface FaultRule {
  Id: string;
  /** Any method when absent. */
  Method: string | null;
  Path: string;
  Probability: number | null;
  /** Calls it still applies to; null for no limit. */
  Remaining: number | null;
  Latency: { FixedMs: number } | { MinMs: number; MaxMs: number } | null;
  Status: number | null;
  Body: unknown;
  Drop: boolean;
  /** How many calls it has hit so far. */
  Fired: number;
}

/** What a fired rule does to a call. */
export interface FaultAction {
  delayMs: number;
  drop: boolean;
  status: number | null;
  body: unknown;
}

export class FaultRuleError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMs = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 600_000;

/** A rule from a request body, or a FaultRuleError naming what is wrong. Field names in any case. */
export function parseRule(input: unknown): FaultRule {
  if (!isObject(input)) throw new FaultRuleError('A fault rule is a JSON object, e.g. {"Path": "/api/scriptpackages", "Status": 503}.');
  const get = (name: string) => input[Object.keys(input).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name];
  const path = get('Path');
  if (typeof path !== 'string' || !path.startsWith('/') && !path.startsWith('^')) throw new FaultRuleError('Path is required: a path pattern such as /api/scriptpackage/* (or a regular expression starting with ^).');
  pathMatcher(path); // a bad regular expression is refused now, not on the next call
  const method = get('Method');
  if (method !== undefined && method !== null && (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method))) throw new FaultRuleError('Method must be an HTTP method such as GET or POST.');
  const probability = get('Probability');
  if (probability !== undefined && probability !== null && (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)))
    throw new FaultRuleError('Probability must be a number from 0 to 1.');
  const count = get('Count');
  if (count !== undefined && count !== null && (!Number.isInteger(count) || (count as number) < 1)) throw new FaultRuleError('Count must be a whole number of calls, 1 or more.');
  const status = get('Status');
  if (status !== undefined && status !== null && (!Number.isInteger(status) || (status as number) < 200 || (status as number) > 599))
    throw new FaultRuleError('Status must be an HTTP status from 200 to 599.');
  const drop = get('Drop');
  if (drop !== undefined && typeof drop !== 'boolean') throw new FaultRuleError('Drop must be true or false.');
  const latency = parseLatency(get('Latency'));
  if (!latency && (status === undefined || status === null) && !drop) throw new FaultRuleError('A fault rule needs something to do: Latency, Status or Drop.');
  if (drop && status !== undefined && status !== null) throw new FaultRuleError('A rule either drops the connection or answers a Status, not both.');
  return {
    Id: randomUUID(),
    Method: typeof method === 'string' ? method.toUpperCase() : null,
    Path: path,
    Probability: typeof probability === 'number' ? probability : null,
    Remaining: typeof count === 'number' ? count : null,
    Latency: latency,
    Status: typeof status === 'number' ? status : null,
    Body: get('Body') ?? null,
    Drop: drop === true,
    Fired: 0,
  };
}

function parseLatency(v: unknown): FaultRule['Latency'] {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && isMs(v)) return { FixedMs: v };
  if (isObject(v) && isMs(v.FixedMs)) return { FixedMs: v.FixedMs };
  if (isObject(v) && isMs(v.MinMs) && isMs(v.MaxMs) && v.MinMs <= v.MaxMs) return { MinMs: v.MinMs, MaxMs: v.MaxMs };
  throw new FaultRuleError('Latency is {"FixedMs": n} or {"MinMs": a, "MaxMs": b} (milliseconds, at most 600000).');
}

export class FaultRules {
  private readonly rules: { rule: FaultRule; matches: PathMatcher }[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  get size(): number {
    return this.rules.length;
  }

  add(rule: FaultRule): FaultRule {
    this.rules.push({ rule, matches: pathMatcher(rule.Path) });
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => r.rule);
  }

  remove(id: string): boolean {
    const at = this.rules.findIndex((r) => r.rule.Id.toLowerCase() === id.toLowerCase());
    if (at < 0) return false;
    this.rules.splice(at, 1);
    return true;
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The action of the first rule that fires for this call, counting it; undefined when none does. */
  fire(method: string, path: string): FaultAction | undefined {
    for (const { rule, matches } of this.rules) {
      if (rule.Method && rule.Method !== method) continue;
      if (rule.Remaining === 0 || !matches(path)) continue;
      if (rule.Probability !== null && this.random() >= rule.Probability) continue;
      if (rule.Remaining !== null) rule.Remaining--;
      rule.Fired++;
      return { delayMs: delayOf(rule.Latency, this.random), drop: rule.Drop, status: rule.Status, body: rule.Body };
    }
    return undefined;
  }
}

function delayOf(latency: FaultRule['Latency'], random: () => number): number {
  if (!latency) return 0;
  if ('FixedMs' in latency) return latency.FixedMs;
  return latency.MinMs + random() * (latency.MaxMs - latency.MinMs);
}
