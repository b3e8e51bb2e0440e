// GET /api/timezone?id=...: what ET knows of a time zone (Windows ids as .NET names them, IANA names, UTC or
// offsets; the same zones TQL's timeZone parameter takes): its current UTC offset and the wall-clock time there
// now. An id no zone has is answered with Resolved false; no id at all is refused.
import type { EtCall } from '../engine/call.ts';
import { HttpError } from '../http/errors.ts';
import { json } from '../http/responses.ts';
import { zoneNamed, type Zone } from '../../query/time/time-zone.ts';

export const timeZone = () => (call: EtCall): Response => {
  const id = call.query.get('id') ?? '';
  if (!id.trim()) throw new HttpError(403, 'A time zone id is required.');
  let zone: Zone | undefined;
  try {
    zone = zoneNamed(id);
  } catch {
    zone = undefined;
  }
  if (!zone) return json({ UnresolvedTimeZoneId: id, Resolved: false, TimeZoneId: null, UtcOffset: null, CurrentTimeInZone: null });
  const now = Date.now();
  const offset = zone.offsetAt(now);
  return json({
    UnresolvedTimeZoneId: id,
    Resolved: true,
    TimeZoneId: id,
    UtcOffset: timeSpan(offset),
    // ET writes the zone's wall-clock time with a Z, as its example shows.
    CurrentTimeInZone: `${new Date(now + offset).toISOString().slice(0, 19)}Z`,
  });
};

/** .NET's TimeSpan text: `13:00:00`, `-05:30:00`. */
function timeSpan(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${ms < 0 ? '-' : ''}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}:00`;
}
