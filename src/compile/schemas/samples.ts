// Splits example bodies into samples per model: nested entities become references to their own model.
import type { EntityRegistry } from '../fixtures/entities.ts';

/** Stands for an entity object inside another body; inference turns it into a `$ref`. */
export class EntityRef {
  constructor(readonly entity: string) {}
}

export const isEntityObject = (v: unknown): v is Record<string, unknown> & { Self: string; Id: unknown } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { Self?: unknown }).Self === 'string' &&
  'Id' in (v as object);

export class SampleCollector {
  readonly samples = new Map<string, unknown[]>();
  /** Every `Expands` list and `Links` seen per entity, in the order seen, for entities no catalogue describes. */
  readonly observed = new Map<string, { expands: string[]; objects: Record<string, unknown>[] }>();

  constructor(private readonly registry: EntityRegistry) {}

  add(model: string, value: unknown): void {
    const list = this.samples.get(model) ?? [];
    list.push(value);
    this.samples.set(model, list);
  }

  /**
   * Replaces entity objects (at any depth) by EntityRef and records them as samples of their entity. `listed`
   * is the entity the operation lists (its records without Self are known by where they are).
   */
  transform(value: unknown, hint?: string, parent?: string, listed?: string): unknown {
    if (Array.isArray(value)) return value.map((v) => this.transform(v, hint, parent, listed));
    if (typeof value !== 'object' || value === null) return value;
    const obj = value as Record<string, unknown>;
    const entity = isEntityObject(obj) ? this.registry.resolveSelf(obj.Self, hint ? [hint] : []) : this.registry.selflessAt(obj, hint, parent, listed);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = this.transform(v, k, entity, entity ? undefined : listed);
    if (!entity) return out;
    this.add(entity, out);
    const seen = this.observed.get(entity) ?? { expands: [], objects: [] };
    if (Array.isArray(obj.Expands)) for (const e of obj.Expands) if (typeof e === 'string' && !seen.expands.includes(e)) seen.expands.push(e);
    seen.objects.push(obj);
    this.observed.set(entity, seen);
    return new EntityRef(entity);
  }
}

/** The model a transformed top-level body is an instance of, when its shape says so. */
export function modelOfBody(body: unknown): string | undefined {
  if (body instanceof EntityRef) return body.entity;
  if (Array.isArray(body) && body.length > 0 && body.every((b) => b instanceof EntityRef && b.entity === (body[0] as EntityRef).entity)) {
    return `list[${(body[0] as EntityRef).entity}]`;
  }
  if (typeof body === 'object' && body !== null && Array.isArray((body as { Items?: unknown }).Items)) {
    const items = (body as { Items: unknown[] }).Items;
    const first = items[0];
    if (first instanceof EntityRef && items.every((i) => i instanceof EntityRef && i.entity === first.entity)) {
      return `QueryResultsOf${first.entity}`;
    }
  }
  return undefined;
}
