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
  const api = rest.toLowerCase().indexOf('/api/');
  const tail = api >= 0 ? rest.slice(api) : rest;
  const pattern = escapeRegex(tail).replace(GUID_ANYWHERE, GUID);
  return `^https?://[^/]+(/[^?#]*)?${pattern}$`;
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

/** The matcher tree for a JSON body. */
export function bodyMatchers(value: unknown, key?: string): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) return value.length ? MatchersV3.eachLike(bodyMatchers(value[0]), 1) : [];
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = bodyMatchers(v, k);
    return out;
  }
  if (typeof value === 'string') {
    if (key !== undefined && EXACT_FIELDS.has(key)) return value;
    if (GUID_ONLY.test(value)) return MatchersV3.regex(`^${GUID}$`, value);
    if (DATE_ONLY.test(value)) return MatchersV3.regex(DATE, value);
    if (ABSOLUTE_URL.test(value)) return MatchersV3.regex(urlPattern(value), value);
    return MatchersV3.like(value);
  }
  return MatchersV3.like(value);
}
