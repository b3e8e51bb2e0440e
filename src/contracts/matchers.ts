// Pact matchers for ET's JSON: what a documented (or recorded) value pins down and what it only exemplifies.
// Exact: statuses, `Message` texts and field names. Ids, numbers and timestamps by type or pattern (GUIDs and
// dates by regex, URLs by their path with any origin), collections by their first item (eachLike).
import { MatchersV3 } from '@pact-foundation/pact';

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const GUID_ONLY = new RegExp(`^${GUID}$`);
const GUID_ANYWHERE = new RegExp(GUID, 'g');
/** ISO dates and timestamps as ET writes them (`2011-09-12`, `2011-09-12T21:03:48Z`, with fractions or an offset). */
const DATE = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?$';
const DATE_ONLY = new RegExp(DATE);
const ABSOLUTE_URL = /^https?:\/\/[^/]+(\/.*)?$/;
const ANY_API_URL = '^https?://[^/]+(/.*)?$';

/** Fields whose documented text is ET's own wording, kept exact. */
const EXACT_FIELDS = new Set(['Message']);

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A pattern for a URL the provider builds from its own origin: any scheme and host, then (optionally a base
 * path and) the documented path, its GUIDs as patterns. `pathFrom` is where the API path starts (`/api/`).
 */
export function urlPattern(url: string): string {
  const m = /^https?:\/\/[^/]+(\/.*)?$/.exec(url);
  const rest = m?.[1] ?? '';
  const tail = rest.slice(apiPathStart(rest));
  // A query (a collection's own Self echoes the request) is matched by presence only: clients and proxies
  // encode the same query differently ($ or %24, + or %20).
  const q = tail.indexOf('?');
  const path = q < 0 ? tail : tail.slice(0, q);
  const pattern = escapeRegex(path).replace(GUID_ANYWHERE, GUID) + (q < 0 ? '' : '(\\?.*)?');
  return `^https?://[^/]+(/[^?#]*)?${pattern}$`;
}

/**
 * Where the API's own path starts in a URL's path: at `/api/`, after the install's base path. The base may
 * itself end in `/api` (an ET installed under `/api` links `/api/api/scriptpackages`), and no ET route starts
 * with `/api/api/`, so a repeated `/api` belongs to the base.
 */
function apiPathStart(path: string): number {
  const lower = path.toLowerCase();
  let at = lower.indexOf('/api/');
  while (at >= 0 && lower.startsWith('api/', at + 5)) at += 4;
  return Math.max(at, 0);
}

/** Relative API paths (Location headers of some calls) with GUIDs as patterns. */
function pathPattern(path: string): string {
  return `^${escapeRegex(path).replace(GUID_ANYWHERE, GUID)}$`;
}

export function headerMatcher(name: string, value: string): unknown {
  const lower = name.toLowerCase();
  if (lower === 'content-type') {
    const type = value.split(';')[0]!.trim();
    return MatchersV3.regex(`^${escapeRegex(type)}(;.*)?$`, value);
  }
  if (lower === 'location') return MatchersV3.regex(ABSOLUTE_URL.test(value) ? urlPattern(value) : pathPattern(value), value);
  return value;
}

export interface BodyOptions {
  /** Keep `Message` texts exact (ET's own wording, from its help pages); otherwise any text. */
  exactMessages?: boolean;
}

/** The matcher tree for a JSON body. */
export function bodyMatchers(value: unknown, o: BodyOptions = {}): unknown {
  return matchValue(value, undefined, false, o);
}

function matchValue(value: unknown, key: string | undefined, inCollection: boolean, o: BodyOptions): unknown {
  if (value === null) return null;
  if (MatchersV3.isMatcher(value)) return value;
  if (value instanceof MaybeEmpty) return MatchersV3.eachLike(matchValue(value.item, undefined, true, o), 0);
  if (Array.isArray(value)) return value.length ? MatchersV3.eachLike(matchValue(template(value), undefined, true, o), 1) : [];
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== VARIES) out[k] = matchValue(v, k, inCollection, o);
    return out;
  }
  if (typeof value === 'string') {
    if (key !== undefined && EXACT_FIELDS.has(key) && o.exactMessages) return value;
    if (GUID_ONLY.test(value)) return MatchersV3.regex(`^${GUID}$`, value);
    if (DATE_ONLY.test(value)) return MatchersV3.regex(DATE, value);
    // Items of a collection share one template (eachLike): there a link is any URL of the API.
    if (ABSOLUTE_URL.test(value)) return MatchersV3.regex(inCollection ? ANY_API_URL : urlPattern(value), value);
    return MatchersV3.like(value);
  }
  return MatchersV3.like(value);
}

/** Marks a field whose documented items disagree (text in one, null in another): it is left unconstrained. */
const VARIES = Symbol('varies');

type Kind = 'null' | 'guid' | 'date' | 'url' | 'string' | 'number' | 'boolean' | 'array' | 'object';
function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return GUID_ONLY.test(v) ? 'guid' : DATE_ONLY.test(v) ? 'date' : ABSOLUTE_URL.test(v) ? 'url' : 'string';
  return typeof v as Kind;
}

/**
 * One template for every item of a documented collection (eachLike checks each item against it): fields as
 * the items agree on them. Where they disagree, text of different shapes is any text, and a field that is
 * null in one item and a value in another is not constrained (ET leaves optional fields null).
 */
function template(items: unknown[]): unknown {
  const first = items[0];
  if (!first || typeof first !== 'object' || Array.isArray(first)) return first;
  const objects = items.filter((i): i is Record<string, unknown> => !!i && typeof i === 'object' && !Array.isArray(i));
  const out: Record<string, unknown> = {};
  const keys = new Set(objects.flatMap((i) => Object.keys(i)));
  for (const k of keys) {
    if (!objects.every((i) => k in i)) continue; // a field some items lack is not part of the common shape
    const values = objects.map((i) => i[k]);
    const kinds = new Set(values.map(kindOf));
    if (kinds.size === 1) {
      const [kind] = kinds;
      out[k] = kind === 'object' ? template(values) : kind === 'array' ? mergedArray(values as unknown[][]) : values.find((v) => v !== null) ?? values[0];
    } else if ([...kinds].every((kd) => ['guid', 'date', 'url', 'string'].includes(kd))) out[k] = MatchersV3.like(String(values[0]));
    else out[k] = VARIES;
  }
  return out;
}

/** A list that is empty in some documented items and not in others: any number of items like these. */
class MaybeEmpty {
  constructor(readonly item: unknown) {}
}

function mergedArray(arrays: unknown[][]): unknown {
  const all = arrays.flat();
  if (!all.length) return [];
  return arrays.some((a) => !a.length) ? new MaybeEmpty(template(all)) : [template(all)];
}
