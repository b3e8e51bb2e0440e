// Builds components.schemas: catalogue models extended by what the examples show, paging envelopes,
// hypermedia on entities, and the error body.
import type { EntityInfo, EntityRegistry } from '../fixtures/entities.ts';
import { extendSchema, inferSchema, schemaRef } from './infer-schema.ts';
import type { EntityDoc, JsonSchema, ModelDoc } from '../model.ts';
import type { SampleCollector } from './samples.ts';

export const ERROR_MODEL = 'ErrorMessage';

/** `Project` -> `{$ref}`, `list[X]` -> array of X, `QueryResultsOfX` -> the envelope (made on demand). */
export function schemaForModel(model: string, envelopes: Set<string>): JsonSchema {
  const list = /^list\[(.+)\]$/.exec(model);
  if (list) return { type: 'array', items: schemaForModel(list[1]!, envelopes) };
  if (model.startsWith('QueryResultsOf')) envelopes.add(model.slice('QueryResultsOf'.length));
  return { $ref: schemaRef(model) };
}

/** The catalogue writes `$ref: "Project"`; OpenAPI wants a JSON pointer. */
function resolveRefs(schema: unknown, envelopes: Set<string>): unknown {
  if (Array.isArray(schema)) return schema.map((s) => resolveRefs(s, envelopes));
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) Object.assign(out, schemaForModel(v, envelopes));
    else out[k] = resolveRefs(v, envelopes);
  }
  return out;
}

const envelope = (entity: string): JsonSchema => ({
  type: 'object',
  required: ['Items'],
  properties: {
    Skip: { type: 'integer', minimum: 0 },
    Top: { type: 'integer', minimum: 0 },
    Total: { type: 'integer', minimum: 0 },
    Items: { type: 'array', items: { $ref: schemaRef(entity) } },
    Self: { type: 'string' },
  },
});

const HYPERMEDIA_PROPERTIES: Record<string, JsonSchema> = {
  Self: { type: 'string' },
  Links: {
    type: 'array',
    items: {
      type: 'object',
      required: ['Href', 'Rel'],
      properties: { Href: { type: 'string' }, Rel: { type: 'string' }, Title: { type: ['string', 'null'] } },
    },
  },
  Expands: { type: 'array', items: { type: 'string' } },
};

/** What the examples say about an entity no catalogue model describes: its links and expansions. */
export function observedEntityDoc(info: EntityInfo, collector: SampleCollector, registry: EntityRegistry): EntityDoc {
  const seen = collector.observed.get(info.name);
  const links: { rel: string; href: string }[] = [];
  const expands: NonNullable<EntityDoc['expands']> = {};
  for (const obj of seen?.objects ?? []) {
    for (const link of Array.isArray(obj.Links) ? obj.Links : []) {
      const { Href, Rel } = link as { Href?: unknown; Rel?: unknown };
      if (typeof Href !== 'string' || typeof Rel !== 'string' || links.some((l) => l.rel === Rel)) continue;
      const path = Href.replace(/^[a-z]+:\/\/[^/]+/i, '');
      const at = path.toLowerCase().lastIndexOf('/api/');
      if (at < 0) continue;
      // Turn the record's own values back into {Field} placeholders.
      const template = path.slice(at).split('/').map((seg) => {
        const field = Object.keys(obj).find((k) => typeof obj[k] === 'string' && (obj[k] as string).toLowerCase() === seg.toLowerCase() && /Id$/.test(k));
        return field ? `{${field}}` : seg;
      }).join('/');
      links.push({ rel: Rel, href: template });
    }
  }
  for (const name of seen?.expands ?? []) {
    const holder = seen!.objects.find((o) => Array.isArray(o[name]));
    const key = `${name}Id`;
    if (holder) {
      const child = ((holder[name] as unknown[])[0] ?? {}) as Record<string, unknown>;
      const fk = Object.keys(child).find((k) => k.endsWith('Id') && k !== 'Id' && info.name.endsWith(k.slice(0, -2)));
      expands[name] = { many: singular(name), foreignKey: fk ?? `${info.name}Id` };
    } else if (seen!.objects.some((o) => key in o)) {
      const target = registry.all().find((e) => e.name.endsWith(name))?.name ?? name;
      expands[name] = { one: target, key };
    } else expands[name] = { field: true };
  }
  const references: Record<string, string> = {};
  for (const e of Object.values(expands)) if (e.one && e.key && registry.get(e.one)) references[e.key] = e.one;
  return { self: info.self, links, expands, references };
}

const singular = (word: string) => (word.endsWith('ies') ? word.slice(0, -3) + 'y' : word.endsWith('s') ? word.slice(0, -1) : word);

export function buildSchemas(
  models: ModelDoc[], collector: SampleCollector, registry: EntityRegistry, envelopes: Set<string>,
): { schemas: Record<string, JsonSchema>; entityDocs: Map<string, EntityDoc> } {
  const schemas: Record<string, JsonSchema> = {};
  const catalogue = new Map(models.map((m) => [m.name, m]));
  const names = new Set([...catalogue.keys(), ...collector.samples.keys()]);
  for (const name of names) {
    const base = catalogue.get(name);
    const samples = collector.samples.get(name);
    const inferred = samples ? inferSchema(samples) : undefined;
    const resolved = base ? (resolveRefs(base.schema, envelopes) as JsonSchema) : undefined;
    schemas[name] = resolved && inferred ? extendSchema(resolved, inferred) : (resolved ?? inferred ?? {});
  }
  const entityDocs = new Map<string, EntityDoc>();
  for (const info of registry.all()) {
    const doc = info.doc ?? observedEntityDoc(info, collector, registry);
    entityDocs.set(info.name, doc);
    const schema = schemas[info.name] ?? { type: 'object' };
    schemas[info.name] = {
      ...schema,
      type: schema.type ?? 'object',
      properties: { ...((schema.properties ?? {}) as Record<string, JsonSchema>), ...HYPERMEDIA_PROPERTIES },
      'x-et-entity': doc,
    };
  }
  // Envelopes may name entities that only the catalogue knows; they are made after the models.
  for (const entity of [...envelopes]) {
    if (!schemas[entity]) schemas[entity] = { type: 'object' };
    schemas[`QueryResultsOf${entity}`] ??= envelope(entity);
  }
  schemas[ERROR_MODEL] = {
    type: 'object',
    required: ['Message'],
    properties: { Message: { type: 'string' }, Errors: { type: 'array', items: { type: 'string' } } },
  };
  return { schemas, entityDocs };
}
