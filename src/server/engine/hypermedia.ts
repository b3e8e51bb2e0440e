// Turns a stored record into ET's representation: its fields, the expansions asked for, Expands, Self, Links.
import type { EntityCatalog, EntityDef, ExpandDef } from '../spec/entities.ts';
import { SECRET_FIELDS } from '../spec/entities.ts';
import type { Rec, Store } from './store-types.ts';

/** What encodeURIComponent leaves as it is (letters, digits, - _ . ! ~ * ' ( )), short of the rest. */
const SAFE_IN_PATH = /^[A-Za-z0-9\-_.!~*'()]*$/;

type Template = (rec: Record<string, unknown>) => string | undefined;

/** How some fields' values are spelled in links (a pick list's Type "Priorities" is "priority" in its Self). */
export type LinkValues = Record<string, Record<string, string>>;

/**
 * `/api/x/{Id}/y` -> a function that fills the fields in, or gives undefined when one is null/missing (or,
 * for a field with link spellings, holds a value that has none).
 */
export function compileTemplate(template: string | undefined, spellings: LinkValues = {}): Template {
  if (template === undefined) return () => undefined;
  const parts = template.split(/\{([^}]+)\}/);
  if (parts.length === 1) return () => template;
  return (rec) => {
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) {
      const field = parts[i]!;
      const v = rec[field];
      if (v === null || v === undefined || v === '') return undefined;
      const spelled = spellings[field] ? spellings[field][String(v)] : String(v);
      if (spelled === undefined) return undefined;
      // Ids (GUIDs, numbers) need no escaping; testing for that allocates nothing, escaping always does.
      out += (SAFE_IN_PATH.test(spelled) ? spelled : encodeURIComponent(spelled)) + parts[i + 1]!;
    }
    return out;
  };
}

interface CompiledEntity {
  def: EntityDef;
  /** The self template, then its fallbacks: the first that can be filled in wins. */
  self: Template;
  links: { rel: string; href: Template }[];
}

export class Presenter {
  private readonly compiled = new Map<string, CompiledEntity>();

  constructor(
    catalog: EntityCatalog,
    private readonly store: () => Store,
  ) {
    for (const def of catalog.byName.values()) {
      this.compiled.set(def.name, {
        def,
        self: firstOf([def.self, ...def.selfFallbacks].map((t) => compileTemplate(t, def.linkValues))),
        links: def.links.map((l) => ({ rel: l.rel, href: compileTemplate(l.href, def.linkValues) })),
      });
    }
  }

  /** The records link rows join to `id` (link rows pointing at nothing are skipped). */
  private linked(through: { entity: string; from: string; to: string }, entity: string, id: string): Rec[] {
    const store = this.store();
    if (!store.entities().includes(through.entity)) return [];
    const out: Rec[] = [];
    for (const link of store.collection(through.entity).where(through.from, id)) {
      const rec = typeof link[through.to] === 'string' ? store.collection(entity).get(link[through.to] as string) : undefined;
      if (rec) out.push(rec);
    }
    return out;
  }

  /** The record's title as a grid shows it (its Name, an incident's Summary, a run's script name). */
  titleOf(entity: string, rec: Rec): unknown {
    const def = this.compiled.get(entity)?.def;
    const [field, through] = (def?.title ?? 'Name').split('.');
    if (!through) return rec[field!] ?? null;
    const target = def!.references[field!];
    const key = rec[field!];
    const related = target && typeof key === 'string' ? this.store().collection(target).get(key) : undefined;
    return related?.[through] ?? null;
  }

  selfOf(entity: string, rec: Record<string, unknown>, base: string): string | undefined {
    const path = this.compiled.get(entity)?.self(rec);
    return path === undefined ? undefined : base + path;
  }

  /** The records a `many` expansion of `rec` holds. */
  private related(e: Extract<ExpandDef, { kind: 'many' }>, rec: Rec): Rec[] {
    const related = e.through ? this.linked(e.through, e.entity, rec.Id) : this.store().collection(e.entity).where(e.foreignKey, rec.Id);
    return e.where ? related.filter((r) => matchesAll(r, e.where!)) : related;
  }

  /** ET's JSON for one record. `expand` holds lower-case expand names. */
  present(entity: string, rec: Rec, base: string, expand?: ReadonlySet<string>): Record<string, unknown> {
    const ce = this.compiled.get(entity);
    if (!ce) return stripSecrets(rec);
    const { def } = ce;
    const out: Record<string, unknown> = {};
    for (const key in rec) {
      if (SECRET_FIELDS.has(key) || def.hiddenFields.has(key)) continue;
      out[key] = rec[key];
    }
    // ET's Has* flags say whether the expansion of that name has anything, so they follow the data.
    for (const { field, expand: e } of def.flags) out[field] = e.kind === 'one' ? typeof rec[e.key] === 'string' && rec[e.key] !== '' : this.related(e, rec).length > 0;
    const plain = def.plainWhenSet !== undefined && rec[def.plainWhenSet] != null;
    let expands: string[] | undefined;
    if (!plain && (def.expands.length || def.showsExpands)) {
      expands = [];
      for (const e of def.expands) {
        if (!expand?.has(e.name.toLowerCase())) {
          expands.push(e.name);
          continue;
        }
        if (e.kind === 'field') out[e.name] = rec[e.name] ?? e.empty;
        else if (e.kind === 'one') {
          const key = rec[e.key];
          const target = typeof key === 'string' ? this.store().collection(e.entity).get(key) : undefined;
          // No related record: null where the model allows it, otherwise the property stays out.
          if (target) out[e.name] = this.present(e.entity, target, base);
          else if (e.nullable) out[e.name] = null;
        } else {
          const related = this.related(e, rec);
          if (e.single) {
            const latest = latestOf(related, e.single.latestBy);
            out[e.name] = latest ? this.present(e.entity, latest, base) : null;
          } else out[e.name] = listedBy(related, this.compiled.get(e.entity)?.def.listedBy).map((r) => this.present(e.entity, r, base));
        }
      }
      out.Expands = expands;
    }
    const self = ce.self(rec);
    if (self !== undefined) out.Self = base + self;
    if (!plain && (ce.links.length || def.showsLinks)) {
      const links: { Href: string; Rel: string }[] = [];
      for (const l of ce.links) {
        const href = l.href(rec);
        if (href !== undefined) links.push({ Href: base + href, Rel: l.rel });
      }
      out.Links = links;
    }
    return out;
  }
}

/** Related records in the order their model says ET lists them (packages by OrderNumber); ties keep stored order. */
function listedBy(records: Rec[], field: string | undefined): Rec[] {
  if (!field || !records.every((r) => typeof r[field] === 'number')) return records;
  return [...records].sort((a, b) => (a[field] as number) - (b[field] as number));
}

const firstOf =
  (templates: Template[]): Template =>
  (rec) => {
    for (const t of templates) {
      const v = t(rec);
      if (v !== undefined) return v;
    }
    return undefined;
  };

/** The record with the greatest `field` (ISO dates compare as strings); the last one without a field. */
function latestOf(records: Rec[], field: string | undefined): Rec | undefined {
  if (!field) return records[records.length - 1];
  let best: Rec | undefined;
  for (const r of records) if (!best || String(r[field] ?? '') >= String(best[field] ?? '')) best = r;
  return best;
}

function stripSecrets(rec: Rec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in rec) if (!SECRET_FIELDS.has(key)) out[key] = rec[key];
  return out;
}

/** `$expand=a,B` -> {'a','b'}; undefined when absent. */
export function parseExpand(value: string | null | undefined): Set<string> | undefined {
  if (!value) return undefined;
  return new Set(value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
}

/** Every field holds the value given (strings in any case, as the store's lookups compare them). */
function matchesAll(rec: Rec, where: Record<string, unknown>): boolean {
  for (const [field, want] of Object.entries(where)) {
    const have = rec[field];
    if (typeof want === 'string' && typeof have === 'string' ? want.toLowerCase() !== have.toLowerCase() : want !== have) return false;
  }
  return true;
}
