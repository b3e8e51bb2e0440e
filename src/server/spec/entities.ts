// The entities of the generated spec: their fields, hypermedia templates, expansions and foreign keys.
import type { OpenApiDoc } from './operations.ts';

export type ExpandDef =
  | { kind: 'one'; name: string; entity: string; key: string; nullable: boolean }
  | {
      kind: 'many';
      name: string;
      entity: string;
      foreignKey: string;
      single?: { latestBy?: string };
      where?: Record<string, unknown>;
      /** Related through link records: `entity` rows whose `from` is this record's Id name the related one in `to`. */
      through?: { entity: string; from: string; to: string };
    }
  | { kind: 'field'; name: string; empty: unknown };

export interface EntityDef {
  name: string;
  /** Properties the model declares (empty set: the model does not say, keep everything). */
  properties: Set<string>;
  /** Property names by lower-case name. */
  fieldByLower: Map<string, string>;
  /** The Self template; undefined for records ET shows without one (an incident comment has no address). */
  self?: string;
  /** How some fields' values are spelled in Self and Links (`{Type}` of a pick list value: "priority"). */
  linkValues: Record<string, Record<string, string>>;
  /** What a grid row shows as the record's Name: a field (`Summary`), or a reference and the target's field
   * (`ScriptId.Name`: a run's script name); Name when the block does not say. */
  title: string;
  /** Used when `self` cannot be filled in (e.g. organisation pick lists have no ProjectId). */
  selfFallbacks: string[];
  links: { rel: string; href: string }[];
  expands: ExpandDef[];
  /** Whether the declaration lists expands / links at all: then responses carry the arrays, even empty. */
  showsExpands: boolean;
  showsLinks: boolean;
  /** Expand names by lower-case name. */
  expandByLower: Map<string, ExpandDef>;
  /** Field-kind expands: stored in the record, shown only when asked for. */
  hiddenFields: Set<string>;
  /** Records with this field set are shown without Expands and Links (project pick list values, unlike the
   * organisation's defaults). */
  plainWhenSet?: string;
  references: Record<string, string>;
  /** Every field the model requires. */
  required: Set<string>;
  /** Foreign keys the model requires and does not allow to be null. */
  requiredReferences: string[];
  /** Fields the model requires that a client must supply on create (not ones the server fills in). */
  requiredFields: string[];
  /** Plain string properties (where a denormalised name may go, e.g. AssignedTo next to AssignedToId). */
  stringFields: Set<string>;
  /** For each foreign key, the field that shows the referenced record's name: `{Prefix}Name` or `{Prefix}`
   * (PackageName, AssignedTo), or what the block's `names` says (an assignment's Name is its script's). */
  nameFields: Map<string, string>;
  /** Where a create records when the record came about, when the body does not say: `CreatedAt`, or the
   * block's `createdAt` (a notification's OccurredAt). */
  createdAt: string;
  /** Flags that say whether an expansion has something: `HasChildren`, `HasParent`, `HasAttachments`. */
  flags: { field: string; expand: Exclude<ExpandDef, { kind: 'field' }> }[];
  /** What a create fills in when the body leaves a field out: the model's JSON Schema `default`s (an
   * execution package's Stereotype is "Package"). */
  defaults: Record<string, unknown>;
  /** Write-model field names stored under another name (`{"HandlerType": "CustomFieldTypeName"}`). */
  bodyNames: Record<string, string>;
  /** Whole-number properties: a body may send them as text ("12"), they are stored as numbers. */
  integerFields: Set<string>;
  /** Properties the model never has null: a null in a body leaves them as they are. */
  nonNullFields: Set<string>;
  numbering?: { field: string; per?: string };
  /** The field ET lists this entity's records by where they come as a related list (packages: OrderNumber). */
  listedBy?: string;
}

/** Fields the server fills in on create, so a model requiring them does not require them from the client. */
const SERVER_FILLED = new Set(['Id', 'Self', 'Links', 'Expands', 'CreatedAt', 'CreatedBy', 'CreatedById', 'LastUpdatedAt', 'LastUpdatedBy', 'LastUpdatedById', 'OrderNumber']);

/** Fields stored for the fake's own use that no response may show. */
export const SECRET_FIELDS = new Set(['Password']);

export class EntityCatalog {
  readonly byName = new Map<string, EntityDef>();
  /** For each entity, the (entity, field) pairs whose foreign key points at it. */
  readonly referrers = new Map<string, { entity: string; field: string }[]>();

  constructor(doc: OpenApiDoc) {
    for (const [name, schema] of Object.entries<any>(doc.components?.schemas ?? {})) {
      const block = schema?.['x-et-entity'];
      if (!block) continue;
      const expands: ExpandDef[] = [];
      for (const [ename, e] of Object.entries<any>(block.expands ?? {})) {
        const prop = schema.properties?.[ename];
        if (e.field) expands.push({ kind: 'field', name: ename, empty: emptyValueOf(prop) });
        else if (e.one) {
          const key = e.key ?? `${ename}Id`;
          expands.push({ kind: 'one', name: ename, entity: e.one, key, nullable: !prop || allowsNull(prop) });
        }
        else if (e.many)
          expands.push({
            kind: 'many',
            name: ename,
            entity: e.many,
            foreignKey: e.foreignKey ?? `${name}Id`,
            // `single`: only one of the related records (the latest by `latestBy`), e.g. an assignment's LastRun.
            ...(e.single ? { single: { latestBy: e.latestBy } } : {}),
            // `where`: only the related records with these field values (a project's Statuses among its pick lists).
            ...(e.where && typeof e.where === 'object' ? { where: e.where as Record<string, unknown> } : {}),
            // `through`: a many-to-many relation kept in link records (a group's Users through GroupMembership).
            ...(isThrough(e.through) ? { through: e.through } : {}),
          });
      }
      this.byName.set(name, {
        name,
        properties: new Set(Object.keys(schema.properties ?? {})),
        fieldByLower: new Map(Object.keys(schema.properties ?? {}).map((k) => [k.toLowerCase(), k])),
        self: typeof block.self === 'string' ? block.self : undefined,
        linkValues: block.linkValues ?? {},
        title: typeof block.title === 'string' ? block.title : 'Name',
        selfFallbacks: Object.entries<any>(block)
          .filter(([k, v]) => k.startsWith('selfWhen') && typeof v === 'string')
          .map(([, v]) => v as string),
        links: block.links ?? [],
        expands,
        showsExpands: 'expands' in block,
        showsLinks: 'links' in block,
        plainWhenSet: typeof block.plainWhenSet === 'string' ? block.plainWhenSet : undefined,
        expandByLower: new Map(expands.map((e) => [e.name.toLowerCase(), e])),
        hiddenFields: new Set([
          ...expands.filter((e) => e.kind === 'field').map((e) => e.name),
          // Records of a model without an Id (addressed by Name) still have one in the store: not shown.
          ...(schema.properties && !('Id' in schema.properties) ? ['Id'] : []),
        ]),
        references: block.references ?? {},
        required: new Set<string>(schema.required ?? []),
        bodyNames: block.bodyNames ?? {},
        requiredReferences: Object.keys(block.references ?? {}).filter(
          (f) => (schema.required ?? []).includes(f) && !allowsNull(schema.properties?.[f]),
        ),
        requiredFields: (schema.required ?? []).filter(
          (f: string) => !SERVER_FILLED.has(f) && f !== block.numbering?.field && f !== block.createdAt && !allowsNull(schema.properties?.[f]) && !('default' in (schema.properties?.[f] ?? {})),
        ),
        stringFields: new Set(Object.entries<any>(schema.properties ?? {}).filter(([, p]) => isString(p)).map(([k]) => k)),
        nameFields: nameFieldsOf(schema, block),
        createdAt: typeof block.createdAt === 'string' ? block.createdAt : 'CreatedAt',
        flags: expands.flatMap((e) =>
          e.kind !== 'field' && typesOf(schema.properties?.[`Has${e.name}`]).includes('boolean') ? [{ field: `Has${e.name}`, expand: e }] : [],
        ),
        defaults: Object.fromEntries(Object.entries<any>(schema.properties ?? {}).filter(([, p]) => p && 'default' in p).map(([k, p]) => [k, p.default])),
        integerFields: new Set(Object.entries<any>(schema.properties ?? {}).filter(([, p]) => isInteger(p)).map(([k]) => k)),
        nonNullFields: new Set(Object.entries<any>(schema.properties ?? {}).filter(([, p]) => !p?.$ref && !allowsNull(p)).map(([k]) => k)),
        numbering: block.numbering,
        listedBy: typeof block.listedBy === 'string' ? block.listedBy : undefined,
      });
    }
    for (const def of this.byName.values()) {
      // A `one` expand may name a role ("Parent") rather than an entity: resolve it through the foreign key.
      for (const e of def.expands) {
        if (e.kind !== 'one' || this.byName.has(e.entity)) continue;
        e.entity = def.references[e.key] ?? (e.key === 'ParentId' ? def.name : e.entity);
      }
      for (const [field, target] of Object.entries(def.references)) {
        const list = this.referrers.get(target) ?? [];
        list.push({ entity: def.name, field });
        this.referrers.set(target, list);
      }
    }
  }

  get(name: string): EntityDef | undefined {
    return this.byName.get(name);
  }
}

/** Where each foreign key's referenced name is shown (see EntityDef.nameFields). */
function nameFieldsOf(schema: any, block: any): Map<string, string> {
  const props: Record<string, any> = schema.properties ?? {};
  const out = new Map<string, string>();
  for (const field of Object.keys(block.references ?? {})) {
    if (!field.endsWith('Id')) continue;
    const prefix = field.slice(0, -2);
    if (`${prefix}Name` in props) out.set(field, `${prefix}Name`);
    else if (prefix in props && isString(props[prefix])) out.set(field, prefix);
  }
  for (const [name, field] of Object.entries<unknown>(block.names ?? {})) if (typeof field === 'string' && name in props) out.set(field, name);
  return out;
}

/** What an expanded stored field shows when the record has none, in the type the model declares. */
function emptyValueOf(p: any): unknown {
  const types = typesOf(p);
  if (types.includes('array')) return [];
  if (types.includes('object') || p?.additionalProperties !== undefined) return {};
  return null;
}

const typesOf = (p: any): string[] => (p?.type === undefined ? [] : Array.isArray(p.type) ? p.type : [p.type]);
const allowsNull = (p: any) => !p || typesOf(p).includes('null') || p.nullable === true || (p.anyOf ?? p.oneOf ?? []).some((x: any) => typesOf(x).includes('null'));
const isInteger = (p: any) => !p?.$ref && typesOf(p).includes('integer') && !typesOf(p).includes('string');
const isString = (p: any) => !p?.$ref && typesOf(p).includes('string') && !p?.format?.includes?.('date');

function isThrough(v: unknown): v is { entity: string; from: string; to: string } {
  const t = v as Record<string, unknown> | undefined;
  return !!t && typeof t.entity === 'string' && typeof t.from === 'string' && typeof t.to === 'string';
}
