// Knows the ET entities: which model a `Self` URL points at, and each entity's path template.
import type { EntityDoc, ModelDoc, ResourceDoc } from './model.ts';

export interface EntityInfo {
  name: string;
  /** Template of the entity's own URL, e.g. `/api/scriptpackage/{Id}`. */
  self: string;
  doc?: EntityDoc;
}

const singularForms = (word: string): string[] => {
  const forms = [word];
  if (/ies$/i.test(word)) forms.push(word.slice(0, -3) + 'y');
  if (/(ss|x|ch|sh)es$/i.test(word)) forms.push(word.slice(0, -2));
  if (/s$/i.test(word) && !/ss$/i.test(word)) forms.push(word.slice(0, -1));
  return forms;
};

/** Finds words (in order, each possibly singular) whose concatenation spells `segment`; PascalCase result. */
export function spellFromWords(segment: string, words: string[]): string | undefined {
  const target = segment.toLowerCase();
  const walk = (wi: number, pos: number): string[] | undefined => {
    if (pos === target.length) return [];
    for (let i = wi; i < words.length; i++) {
      for (const form of singularForms(words[i]!)) {
        const f = form.toLowerCase();
        if (f.length > 0 && target.startsWith(f, pos)) {
          const rest = walk(i + 1, pos + f.length);
          if (rest) return [form[0]!.toUpperCase() + form.slice(1), ...rest];
        }
      }
    }
    return undefined;
  };
  return walk(0, 0)?.join('');
}

const wordsOf = (name: string) => name.replace(/\(.*?\)/g, ' ').split(/[^A-Za-z]+/).filter(Boolean);

/** Path below the API root: `http://host/EnterpriseTester/api/x/1` -> `/api/x/1`. */
export function apiPath(url: string): string | undefined {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0]!;
  const at = path.toLowerCase().lastIndexOf('/api/');
  return at < 0 ? undefined : path.slice(at);
}

function templateRegex(template: string): RegExp {
  const body = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}/?$`, 'i');
}

export class EntityRegistry {
  private readonly byName = new Map<string, EntityInfo>();
  private readonly matchers: { re: RegExp; name: string }[] = [];

  constructor(models: ModelDoc[], private readonly resources: ResourceDoc[]) {
    for (const m of models) if (m.entity) this.add({ name: m.name, self: m.entity.self, doc: m.entity });
  }

  get(name: string): EntityInfo | undefined {
    return this.byName.get(name);
  }

  all(): EntityInfo[] {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  private add(info: EntityInfo): void {
    if (this.byName.has(info.name)) return;
    this.byName.set(info.name, info);
    // An entity may have more than one URL shape (`self`, `selfWhenNoProject`, ...): any of them identifies it.
    const templates = [info.self, ...Object.entries(info.doc ?? {}).filter(([k, v]) => k !== 'self' && k.startsWith('self') && typeof v === 'string').map(([, v]) => v as string)];
    for (const t of templates) this.matchers.push({ re: templateRegex(t), name: info.name });
  }

  /**
   * The entity a `Self` URL points at. Known templates first; otherwise the URL's first segment is
   * spelled from the words of resource names or of the property holding the object (`StepResults`).
   */
  resolveSelf(url: string, hints: string[] = []): string | undefined {
    const path = apiPath(url);
    if (!path) return undefined;
    const known = this.matchers.find((m) => m.re.test(path));
    if (known) return known.name;
    const segs = path.split('/').filter(Boolean); // ['api', 'scriptrun', '<id>']
    if (segs.length !== 3) return undefined;
    const segment = segs[1]!;
    const candidates = [...hints.map(wordsOf), ...this.resources.map((r) => wordsOf(r.name))];
    for (const words of candidates) {
      const name = spellFromWords(segment, words);
      if (name) {
        this.add({ name, self: `/api/${segment}/{Id}` });
        return name;
      }
    }
    return undefined;
  }

  /** The entity of a resource's item path (`/api/scriptassignment/{id}` -> ScriptAssignment), if known. */
  entityOfSegment(segment: string): string | undefined {
    const lower = segment.toLowerCase();
    for (const info of this.byName.values()) {
      const segs = info.self.split('/').filter(Boolean);
      if (segs.length === 3 && segs[1]!.toLowerCase() === lower) return info.name;
    }
    for (const r of this.resources) {
      const name = spellFromWords(segment, wordsOf(r.name));
      if (name) return name;
    }
    return undefined;
  }
}
