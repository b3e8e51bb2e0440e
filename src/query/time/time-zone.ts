// Calendar days in a time zone. TQL's `timeZone` request parameter decides which day a date literal names
// (`CreatedAt = 2024-02-01` is that day's midnight to midnight there) and which month or day Month() and Day()
// put a date in. Zones are IANA names (`Pacific/Auckland`), Windows ids as .NET servers such as ET use them
// (`New Zealand Standard Time`), `UTC`, or fixed offsets (`+13:00`, `UTC-05:30`).
import { QueryError } from '../errors.ts';
import { ianaOfWindowsZone } from './windows-zones.ts';

export interface Zone {
  readonly name: string;
  /** The zone's calendar date of an instant, `YYYY-MM-DD`. */
  dateOf(time: number): string;
  /** The instant a wall-clock time of the zone names (given as if it were UTC: `Date.UTC(...)`). */
  fromWall(wall: number): number;
  /** How far the zone's clocks are ahead of UTC at an instant, in ms (negative west of Greenwich). */
  offsetAt(time: number): number;
}

const DAY_MS = 86_400_000;
const OFFSET = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;

const fixed = (name: string, offsetMs: number): Zone => ({
  name,
  dateOf: (t) => new Date(t + offsetMs).toISOString().slice(0, 10),
  fromWall: (wall) => wall - offsetMs,
  offsetAt: () => offsetMs,
});

export const UTC_ZONE = fixed('UTC', 0);
const zones = new Map<string, Zone>([['utc', UTC_ZONE], ['gmt', UTC_ZONE], ['z', UTC_ZONE]]);

/** The zone a `timeZone` parameter names (UTC when absent); a QueryError for a name no zone has. */
export function zoneNamed(name: string | undefined): Zone {
  const key = (name ?? '').trim();
  if (!key) return UTC_ZONE;
  let zone = zones.get(key.toLowerCase());
  if (!zone) {
    zone = makeZone(key);
    zones.set(key.toLowerCase(), zone);
  }
  return zone;
}

function makeZone(name: string): Zone {
  const offset = OFFSET.exec(name);
  if (offset) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
    if (minutes > 14 * 60) throw new QueryError(`Unknown time zone '${name}': offsets go from -14:00 to +14:00.`);
    return fixed(name, (offset[1] === '-' ? -1 : 1) * minutes * 60_000);
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: ianaOfWindowsZone(name) ?? name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new QueryError(`Unknown time zone '${name}': use an IANA name such as Pacific/Auckland, a Windows id such as New Zealand Standard Time, UTC, or an offset such as +13:00.`);
  }
  return regionZone(format.resolvedOptions().timeZone, format);
}

/** A zone with daylight saving: its offset is looked up once per UTC day (and per instant on change-over days). */
function regionZone(name: string, format: Intl.DateTimeFormat): Zone {
  const offsetAt = (t: number): number => {
    const p: Record<string, number> = {};
    for (const part of format.formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - (t - (((t % 1000) + 1000) % 1000));
  };
  const byDay = new Map<number, number | null>(); // UTC day -> the offset all day long, or null on a change-over day
  const offsetOf = (t: number): number => {
    const day = Math.floor(t / DAY_MS);
    let steady = byDay.get(day);
    if (steady === undefined) {
      const start = offsetAt(day * DAY_MS);
      steady = start === offsetAt(day * DAY_MS + DAY_MS - 1) ? start : null;
      if (byDay.size > 50_000) byDay.clear();
      byDay.set(day, steady);
    }
    return steady ?? offsetAt(t);
  };
  return {
    name,
    dateOf: (t) => new Date(t + offsetOf(t)).toISOString().slice(0, 10),
    // Two passes: the offset at the guessed instant, then at the corrected one (DST edges).
    fromWall: (wall) => wall - offsetOf(wall - offsetOf(wall)),
    offsetAt: offsetOf,
  };
}
