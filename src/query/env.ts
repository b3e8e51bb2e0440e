// Per-call view of the store for query evaluation: the caller's QueryContext plus
// indexes built at most once per call (package trees, picklists by text, users by name),
// so that per-record work stays O(1).
import { canonicalEntity, PACKAGE_TYPES } from './tql/entities.ts';
import { zoneNamed, type Zone } from './time/time-zone.ts';
import type { QueryContext, Rec, RelationshipView } from './types.ts';

const lower = (v: unknown): string => String(v).toLowerCase();

/** `items` in lists by key, in their order; items whose key is undefined are left out. */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}

export class Env {
  private readonly cache = new Map<string, unknown>();
  private readonly displayTables = new Map<string, Map<string, Map<string, string | undefined>>>();

  constructor(readonly ctx: QueryContext) {}

  /** Build a value once per call under `key`. */
  memo<T>(key: string, build: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = build();
    this.cache.set(key, value);
    return value;
  }

  /** The caller's time zone (TQL's timeZone parameter); a QueryError when it names none. */
  zone(): Zone {
    return this.memo('zone', () => zoneNamed(this.ctx.timeZone));
  }

  lookup(entity: string, id: unknown): Rec | undefined {
    return typeof id === 'string' && id !== '' ? this.ctx.lookup(entity, id) : undefined;
  }

  all(entity: string): Iterable<Rec> {
    return this.ctx.all(entity);
  }

  /** Every package record of any package type, by id. */
  packages(): Map<string, Rec> {
    return this.memo('packages', () => {
      const byId = new Map<string, Rec>();
      for (const type of PACKAGE_TYPES) for (const rec of this.all(type)) byId.set(lower(rec.Id), rec);
      return byId;
    });
  }

  /** Package ids whose parent is `id`. */
  private childIndex(): Map<string, string[]> {
    return this.memo('packageChildren', () => {
      const index = new Map<string, string[]>();
      for (const [id, rec] of this.packages()) {
        if (typeof rec.ParentId !== 'string') continue;
        const parent = lower(rec.ParentId);
        const list = index.get(parent);
        if (list) list.push(id);
        else index.set(parent, [id]);
      }
      return index;
    });
  }

  /** A package id and the ids of every package below it. */
  packageAndDescendants(id: string): string[] {
    const out: string[] = [];
    const children = this.childIndex();
    const stack = [lower(id)];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue; // guards against cycles in bad data
      seen.add(next);
      out.push(next);
      stack.push(...(children.get(next) ?? []));
    }
    return out;
  }

  /** A package id and the ids of the packages above it (memoised per package). */
  packageAndAncestors(id: string): string[] {
    const key = lower(id);
    return this.memo(`ancestors:${key}`, () => {
      const out: string[] = [];
      const packages = this.packages();
      let current: string | undefined = key;
      while (current !== undefined && !out.includes(current)) {
        out.push(current);
        const parent: unknown = packages.get(current)?.ParentId;
        current = typeof parent === 'string' ? lower(parent) : undefined;
      }
      return out;
    });
  }

  /** Package ids named by a path such as 'Script Library|Automated Tests' (roots first). */
  packagesByPath(path: string): string[] {
    const parts = path.split('|').map((p) => p.trim().toLowerCase()).filter((p) => p !== '');
    if (parts.length === 0) return [];
    let level = [...this.packages().values()].filter((p) => typeof p.ParentId !== 'string' && lower(p.Name) === parts[0]);
    for (const part of parts.slice(1)) {
      const parents = new Set(level.map((p) => lower(p.Id)));
      level = [...this.packages().values()].filter(
        (p) => typeof p.ParentId === 'string' && parents.has(lower(p.ParentId)) && lower(p.Name) === part,
      );
    }
    return level.map((p) => lower(p.Id));
  }

  /** Ids of records of `entity` whose `prop` equals `text` case-insensitively. */
  idsByProperty(entity: string, prop: string, text: string): string[] {
    const index = this.memo(`by:${entity}:${prop}`, () => {
      const map = new Map<string, string[]>();
      for (const rec of this.all(entity)) {
        const value = rec[prop];
        if (value === undefined || value === null) continue;
        const key = lower(value);
        const list = map.get(key);
        if (list) list.push(lower(rec.Id));
        else map.set(key, [lower(rec.Id)]);
      }
      return map;
    });
    return index.get(text.toLowerCase()) ?? [];
  }

  /** Users named by user name, "First Last", display name or id. */
  userIds(text: string): string[] {
    const index = this.memo('users', () => {
      const map = new Map<string, string[]>();
      const add = (key: unknown, id: string) => {
        if (typeof key !== 'string' || key.trim() === '') return;
        const k = key.trim().toLowerCase();
        const list = map.get(k);
        if (!list) map.set(k, [id]);
        else if (!list.includes(id)) list.push(id);
      };
      for (const user of this.all('User')) {
        const id = lower(user.Id);
        add(user.Id, id);
        add(user.UserName, id);
        add(user.DisplayName, id);
        add(`${user.FirstName ?? ''} ${user.LastName ?? ''}`, id);
      }
      return map;
    });
    return index.get(text.trim().toLowerCase()) ?? [];
  }

  /**
   * The records of `entity` whose `prop` (a foreign key such as ScriptId or RunId) is `id`, case-insensitively.
   * The index is built once per call and entity/property, so per-record lookups are a map read.
   */
  referencing(entity: string, prop: string, id: unknown): Rec[] {
    if (typeof id !== 'string' || id === '') return [];
    const index = this.memo(`refs:${entity}:${prop}`, () =>
      groupBy(this.all(entity), (rec) => (typeof rec[prop] === 'string' && rec[prop] !== '' ? (rec[prop] as string).toLowerCase() : undefined)),
    );
    return index.get(id.toLowerCase()) ?? [];
  }

  /** Every relationship seen from both ends whose far end is a stored record of a known entity type. */
  relationshipViews(): RelationshipView[] {
    return this.memo('relationshipViews', () => {
      const views: RelationshipView[] = [];
      for (const rel of this.all('Relationship')) {
        const ends: [unknown, unknown, unknown, boolean][] = [
          [rel.SourceEntityId, rel.DestinationEntityId, rel.DestinationEntityType, true],
          [rel.DestinationEntityId, rel.SourceEntityId, rel.SourceEntityType, false],
        ];
        for (const [thisId, otherId, otherType, fromSource] of ends) {
          if (typeof thisId !== 'string' || typeof otherType !== 'string') continue;
          const otherEntity = canonicalEntity(otherType);
          const other = otherEntity ? this.lookup(otherEntity, otherId) : undefined;
          if (!otherEntity || !other) continue;
          views.push({ Id: String(rel.Id), relationship: rel, thisId, other, otherEntity, fromSource });
        }
      }
      return views;
    });
  }

  /** The relationships of the record `id`, seen from its end (indexed once per call). */
  relationshipsOf(id: unknown): RelationshipView[] {
    if (typeof id !== 'string') return [];
    const index = this.memo('relationshipsById', () => groupBy(this.relationshipViews(), (view) => view.thisId.toLowerCase()));
    return index.get(id.toLowerCase()) ?? [];
  }

  /** Lower-case ids of the records related to `id` by a Relationship, in either direction. */
  relatedIds(id: string): string[] {
    const index = this.memo('related', () => {
      const ends: [unknown, unknown][] = [];
      for (const rel of this.all('Relationship')) ends.push([rel.SourceEntityId, rel.DestinationEntityId], [rel.DestinationEntityId, rel.SourceEntityId]);
      const linked = ends.filter((e): e is [string, string] => typeof e[0] === 'string' && typeof e[1] === 'string');
      return groupBy(linked, ([from]) => from.toLowerCase());
    });
    return (index.get(id.toLowerCase()) ?? []).map(([, to]) => to.toLowerCase());
  }

  /** Display text of a referenced record (memoised per entity and id). */
  display(entity: string, id: string, prop: string): string | undefined {
    // Two-level tables keyed by the (interned) entity and property names: no string is built per call.
    let byProp = this.displayTables.get(entity);
    if (!byProp) this.displayTables.set(entity, (byProp = new Map()));
    let table = byProp.get(prop);
    if (!table) byProp.set(prop, (table = new Map()));
    const hit = table.get(id);
    if (hit !== undefined || table.has(id)) return hit;
    const rec = entity === 'Package' ? this.packages().get(lower(id)) : this.lookup(entity, id);
    const value = rec?.[prop];
    const text = value === undefined || value === null ? undefined : String(value);
    table.set(id, text);
    return text;
  }
}
