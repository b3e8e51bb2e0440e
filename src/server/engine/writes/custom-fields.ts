// A record's FieldValues hold every custom field defined for its kind of record where it lives (the field's
// Entities name the kind, ET's way: "TestScript" for a script; its Scopes the organisation or projects), null
// until a value is set, as ET answers them.
import type { Rec, Store } from '../store-types.ts';

interface Scope {
  Id?: unknown;
  Type?: unknown;
}

const same = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();

/** Whether a custom field applies to records of `entity` in the project / organisation of `rec`. */
function applies(field: Rec, entity: string, rec: Record<string, unknown>, store: Store): boolean {
  const kinds = Array.isArray(field.Entities) ? field.Entities : [];
  if (!kinds.some((k) => k === entity || k === `Test${entity}`)) return false;
  const scopes = (Array.isArray(field.Scopes) ? field.Scopes : []) as Scope[];
  if (!scopes.length) return true;
  const project = typeof rec.ProjectId === 'string' ? store.collection('Project').get(rec.ProjectId) : undefined;
  const organisation = rec.OrganisationId ?? project?.OrganisationId;
  return scopes.some((s) => (s.Type === 'Project' && same(s.Id, rec.ProjectId)) || (s.Type === 'Organisation' && same(s.Id, organisation)));
}

/** FieldValues for a new record of `entity`: the values given, and null for every other field that applies. */
export function fieldValuesOf(store: Store, entity: string, rec: Record<string, unknown>): Record<string, unknown> {
  const given = rec.FieldValues && typeof rec.FieldValues === 'object' && !Array.isArray(rec.FieldValues) ? (rec.FieldValues as Record<string, unknown>) : {};
  if (!store.entities().includes('CustomField')) return given;
  const out: Record<string, unknown> = {};
  for (const field of store.collection('CustomField').values())
    if (typeof field.Name === 'string' && applies(field, entity, rec, store)) out[field.Name] = null;
  return { ...out, ...given };
}
