// GET /api/timezone?id=...: what ET knows of a time zone (Windows ids as .NET names them, IANA names, UTC or
// offsets; the same zones TQL's timeZone parameter takes): its current UTC offset and the wall-clock time there
// now. An id no zone has is answered with Resolved false; no id at all asks for the server's own zone (the
// TimeZoneId /api/systeminfo gives), so the root's TimeZone link answers too.
import type { EtCall } from '../engine/call.ts';
import { json } from '../http/responses.ts';
import { zoneNamed, type Zone } from '../../query/time/time-zone.ts';

export const timeZone = () => (call: EtCall): Response => {
  const asked = call.query.get('id')?.trim() || undefined;
  const id = asked ?? serverZone(call);
  let zone: Zone | undefined;
  try {
    zone = zoneNamed(id);
  } catch {
    zone = undefined;
  }
  if (!zone) return json({ UnresolvedTimeZoneId: asked ?? null, Resolved: false, TimeZoneId: null, UtcOffset: null, CurrentTimeInZone: null });
  const now = Date.now();
  const offset = zone.offsetAt(now);
  return json({
    UnresolvedTimeZoneId: asked ?? null,
    Resolved: true,
    TimeZoneId: id,
    UtcOffset: timeSpan(offset),
    // ET writes the zone's wall-clock time with a Z, as its example shows.
    CurrentTimeInZone: `${new Date(now + offset).toISOString().slice(0, 19)}Z`,
  });
};

/** The zone the server runs in: a stored SystemInfo's TimeZoneId, UTC otherwise. */
function serverZone(call: EtCall): string {
  const info = call.engine.store.entities().includes('SystemInfo') ? call.engine.store.collection('SystemInfo').values().next().value : undefined;
  return typeof info?.TimeZoneId === 'string' && info.TimeZoneId ? info.TimeZoneId : 'UTC';
}

/** .NET's TimeSpan text: `13:00:00`, `-05:30:00`. */
function timeSpan(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${ms < 0 ? '-' : ''}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}:00`;
}
