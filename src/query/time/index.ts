// Time zones as ET names them (Windows ids, IANA names, offsets) and calendar days in a zone.
export * from './time-zone.ts';
export * from './windows-zones.ts';
