// Windows time zone ids, which .NET servers such as ET report and accept, mapped to the IANA zone of their
// principal region: CLDR's windowsZones table (territory 001), read from Unicode's own cldr-core package so the
// mapping follows CLDR releases instead of a hand-kept copy. Loaded on first use; looked up case-insensitively.
import { createRequire } from 'node:module';

interface WindowsZonesJson {
  supplemental: { windowsZones: { mapTimezones: { mapZone: { _other: string; _type: string; _territory: string } }[] } };
}

let byLowerName: Map<string, string> | undefined;

/** Every Windows id CLDR knows, with the IANA zone of its principal region (territory 001). */
export function windowsZones(): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  // require, not a JSON import: Node 20 warns that JSON modules are experimental.
  const json = createRequire(import.meta.url)('cldr-core/supplemental/windowsZones.json') as WindowsZonesJson;
  for (const { mapZone } of json.supplemental.windowsZones.mapTimezones) {
    if (mapZone._territory === '001') out.set(mapZone._other, mapZone._type);
  }
  return out;
}

/** The IANA zone of a Windows id (any case), or undefined when the name is no Windows id. */
export function ianaOfWindowsZone(name: string): string | undefined {
  byLowerName ??= new Map([...windowsZones()].map(([windows, iana]) => [windows.toLowerCase(), iana]));
  return byLowerName.get(name.toLowerCase());
}
