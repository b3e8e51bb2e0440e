// TQL's timeZone parameter: which calendar day a date literal names and which month or day Month() and Day()
// put a date in, in IANA zones (with daylight saving), fixed offsets and UTC; an unknown zone is refused.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { QueryError, runTql, type Rec } from '../../src/query/index.ts';
import { zoneNamed } from '../../src/query/time/index.ts';
import { makeContext } from './fixture.ts';

const script = (Id: string, CreatedAt: string): Rec => ({ Id, Name: Id, ProjectId: 'p1', CreatedAt });
// Auckland is UTC+13 in January (daylight saving) and UTC+12 in July; DST ended there on 2024-04-07 at 03:00.
const SCRIPTS = [
  script('late-jan-31-utc', '2024-01-31T12:00:00Z'), // 2024-02-01 01:00 in Auckland
  script('early-jan-31-utc', '2024-01-31T09:00:00Z'), // 2024-01-31 22:00 in Auckland
  script('july-utc-evening', '2024-07-14T13:30:00Z'), // 2024-07-15 01:30 in Auckland (+12)
  script('dst-end-day', '2024-04-06T14:30:00Z'), // 2024-04-07 02:30 in Auckland, before the clocks go back
];
const ctx = (timeZone?: string) => ({ ...makeContext({ Script: SCRIPTS, Project: [{ Id: 'p1', Name: 'P' }] }), timeZone });
const ids = (tql: string, timeZone?: string) => {
  const out = runTql('Script', SCRIPTS, tql, ctx(timeZone));
  return out.kind === 'items' ? out.items.map((r) => r.Id).sort() : out;
};
const results = (tql: string, timeZone?: string) => {
  const out = runTql('Script', SCRIPTS, tql, ctx(timeZone));
  if (out.kind !== 'aggregate') throw new Error('not an aggregate');
  return out.results;
};

describe('TQL timeZone', () => {
  it.each([
    ["CreatedAt = '2024-02-01'", undefined, []],
    ["CreatedAt = '2024-02-01'", 'Pacific/Auckland', ['late-jan-31-utc']],
    ["CreatedAt = '2024-01-31'", 'UTC', ['early-jan-31-utc', 'late-jan-31-utc']],
    ["CreatedAt = '2024-01-31'", 'Pacific/Auckland', ['early-jan-31-utc']],
    ["CreatedAt = '2024-01-31'", '+13:00', ['early-jan-31-utc']],
    ["CreatedAt = '2024-01-31'", 'UTC-10:00', ['late-jan-31-utc']], // 09:00Z is 23:00 on the 30th there
    ["CreatedAt = '2024-07-15'", 'Pacific/Auckland', ['july-utc-evening']],
    ["CreatedAt < '2024-02-01'", 'Pacific/Auckland', ['early-jan-31-utc']],
    ["CreatedAt >= '2024-02-01' AND CreatedAt <= '2024-04-07'", 'Pacific/Auckland', ['dst-end-day', 'late-jan-31-utc']],
    ["CreatedAt = '2024-04-07'", 'pacific/auckland', ['dst-end-day']],
    ["CreatedAt = '2024-01-31T22:00:00'", 'Pacific/Auckland', ['early-jan-31-utc']],
    ["CreatedAt = '2024-01-31T09:00:00Z'", 'Pacific/Auckland', ['early-jan-31-utc']],
    // Windows ids, as .NET servers (ET's /api/systeminfo TimeZoneId) name zones.
    ["CreatedAt = '2024-02-01'", 'New Zealand Standard Time', ['late-jan-31-utc']],
    ["CreatedAt = '2024-07-15'", 'new zealand standard time', ['july-utc-evening']],
  ])('%s in %s', (tql, zone, expected) => {
    expect(ids(tql, zone)).toEqual(expected);
  });

  it('groups Month() and Day() by the calendar of the zone', () => {
    expect(results('GROUP BY Month(CreatedAt) { COUNT }')).toEqual({ 'GroupByCreatedAt': { '2024-01-01': { COUNT: 2 }, '2024-04-01': { COUNT: 1 }, '2024-07-01': { COUNT: 1 } } });
    expect(results('GROUP BY Month(CreatedAt) { COUNT }', 'Pacific/Auckland')).toEqual({
      GroupByCreatedAt: { '2024-01-01': { COUNT: 1 }, '2024-02-01': { COUNT: 1 }, '2024-04-01': { COUNT: 1 }, '2024-07-01': { COUNT: 1 } },
    });
    expect(results('GROUP BY Day(CreatedAt) { COUNT }', 'Pacific/Auckland')).toEqual({
      GroupByCreatedAt: { '2024-01-31': { COUNT: 1 }, '2024-02-01': { COUNT: 1 }, '2024-04-07': { COUNT: 1 }, '2024-07-15': { COUNT: 1 } },
    });
  });

  it.each(['Mars/Olympus_Mons', '+15:00', 'nonsense'])('refuses the zone %s, whatever the query', (zone) => {
    expect(() => runTql('Script', SCRIPTS, "Name ~ 'x'", ctx(zone))).toThrow(QueryError);
    expect(() => runTql('Script', SCRIPTS, "Name ~ 'x'", ctx(zone))).toThrow(/time zone/);
  });
});

describe('Windows time zone ids', () => {
  // CLDR's table as Unicode ships it (cldr-core), read here on its own: the fake must agree with every row.
  const require = createRequire(import.meta.url);
  const rows: { mapZone: { _other: string; _type: string; _territory: string } }[] = require('cldr-core/supplemental/windowsZones.json').supplemental.windowsZones.mapTimezones;
  const principal = rows.filter((r) => r.mapZone._territory === '001').map((r) => [r.mapZone._other, r.mapZone._type] as const);

  it('resolves every Windows id of CLDR, in any case, to the IANA zone of its principal region', () => {
    expect(principal.length).toBeGreaterThan(130);
    for (const [windows, iana] of principal) {
      // `UTC-02` and the like read as fixed offsets, which is the same zone under another name.
      if (!windows.startsWith('UTC')) expect(zoneNamed(windows.toUpperCase()).name, windows).toBe(zoneNamed(iana).name);
      for (const t of [Date.UTC(2025, 0, 15), Date.UTC(2025, 6, 15)]) expect(zoneNamed(windows).offsetAt(t), windows).toBe(zoneNamed(iana).offsetAt(t));
    }
  });

  it.each([
    ['Yukon Standard Time', -7 * 60], // added to Windows in 2020
    ['Central Asia Standard Time', 6 * 60], // Bishkek: Almaty, its old region, has been +05:00 since 2024
    ['Russia Time Zone 11', 12 * 60],
  ])('knows %s', (windows, minutes) => {
    expect(zoneNamed(windows).offsetAt(Date.UTC(2025, 0, 15)) / 60_000).toBe(minutes);
  });
});
