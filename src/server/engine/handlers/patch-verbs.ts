// ET's Jira-style PATCH document: {"update": {"customFields": [{"set": {...}}], "pickListValues": [...]}}.
import { randomUUID } from 'node:crypto';
import { HttpError } from '../../http/errors.ts';
import type { Rec } from '../store-types.ts';

type Verb = Record<string, any>;

export const isVerbDocument = (body: Record<string, unknown>): body is { update: Record<string, unknown> } =>
  !!body.update && typeof body.update === 'object' && !Array.isArray(body.update);

/** A `set` value as the type its valueType names: "true" with Boolean is true, "3" with Int32 is 3. */
function typedValue(name: string, valueType: unknown, value: unknown): unknown {
  if (value === undefined || value === null || typeof value !== 'string' || typeof valueType !== 'string') return value ?? null;
  const type = valueType.toLowerCase();
  if (type === 'boolean') {
    if (!/^(true|false)$/i.test(value)) throw new HttpError(403, `The value "${value}" of custom field "${name}" is not a Boolean (true or false).`);
    return value.toLowerCase() === 'true';
  }
  if (/^(int16|int32|int64|integer|decimal|double|single|number)$/.test(type)) {
    const n = Number(value);
    if (!value.trim() || !Number.isFinite(n)) throw new HttpError(403, `The value "${value}" of custom field "${name}" is not a ${valueType}.`);
    return n;
  }
  return value;
}

/**
 * The field changes a verb document makes to `rec` (the record itself stays untouched). `fieldNamed` gives
 * the custom field's own name for a name in any case, or undefined when the organisation has no such field.
 */
export function applyPatchVerbs(rec: Rec, body: { update: Record<string, unknown> }, fieldNamed: (name: string) => string | undefined): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const { customFields, pickListValues } = body.update as { customFields?: Verb[]; pickListValues?: Verb[] };
  if (customFields !== undefined) {
    if (!Array.isArray(customFields)) throw new HttpError(403, 'update.customFields must be an array of {"set": {name, value}}.');
    const values = { ...((rec.FieldValues as Record<string, unknown>) ?? {}) };
    for (const op of customFields) {
      const set = op?.set;
      if (!set || typeof set.name !== 'string' || !set.name)
        throw new HttpError(403, 'Each update.customFields entry needs "set" with the custom field "name".');
      const name = fieldNamed(set.name);
      if (name === undefined) throw new HttpError(403, `There is no custom field named "${set.name}".`);
      values[name] = typedValue(set.name, set.valueType, set.value);
    }
    changes.FieldValues = values;
  }
  if (pickListValues !== undefined) {
    if (!Array.isArray(pickListValues)) throw new HttpError(403, 'update.pickListValues must be an array of add/set/remove verbs.');
    let options = [...((rec.Options as Record<string, unknown>[]) ?? [])];
    for (const op of pickListValues) {
      if (op?.add) {
        if (typeof op.add.text !== 'string' || !op.add.text) throw new HttpError(403, 'A pick list "add" needs a "text".');
        options.push({ Id: randomUUID(), Text: op.add.text, SortOrder: op.add.sortOrder ?? options.length, OwnerId: op.add.ownerId ?? null });
      } else if (op?.set) {
        const at = options.findIndex((o) => String(o.Id).toLowerCase() === String(op.set.id).toLowerCase());
        if (at < 0) throw new HttpError(404, `No pick list value with the Id '${op.set.id}' exists.`);
        const prev = options[at]!;
        options[at] = { ...prev, Text: op.set.text ?? prev.Text, SortOrder: op.set.sortOrder ?? prev.SortOrder };
      } else if (op?.remove) {
        const before = options.length;
        options = options.filter((o) => String(o.Id).toLowerCase() !== String(op.remove.id).toLowerCase());
        if (options.length === before) throw new HttpError(404, `No pick list value with the Id '${op.remove.id}' exists.`);
      } else throw new HttpError(403, 'Each update.pickListValues entry needs one of "add", "set" or "remove".');
    }
    changes.Options = options;
  }
  return changes;
}
