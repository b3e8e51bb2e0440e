// A segment trie built once from the spec's path templates: literals match case-insensitively, a trailing
// slash is ignored, and a lookup costs one walk over the path's segments whatever the number of routes.

export interface RouteMatch<T> {
  /** Handlers by method for the matched template. */
  methods: Map<string, T>;
  params: Record<string, string>;
  template: string;
}

interface Node<T> {
  literals: Map<string, Node<T>>;
  param?: { name: string; node: Node<T> };
  leaf?: { template: string; names: string[]; methods: Map<string, T> };
}

const newNode = <T>(): Node<T> => ({ literals: new Map() });

const segmentsOf = (path: string) => path.split('/').filter((s) => s.length > 0);

export class Router<T> {
  private readonly root: Node<T> = newNode();

  add(template: string, method: string, handler: T): void {
    let node = this.root;
    for (const seg of segmentsOf(template)) {
      const param = /^\{([^}]+)\}$/.exec(seg);
      if (param) {
        // Two templates may name the same position differently ({id} vs {projectId}): the first name wins
        // for the node and each leaf remembers its own names through its template.
        node.param ??= { name: param[1]!, node: newNode() };
        node = node.param.node;
      } else {
        const key = seg.toLowerCase();
        let next = node.literals.get(key);
        if (!next) node.literals.set(key, (next = newNode()));
        node = next;
      }
    }
    node.leaf ??= { template, names: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!), methods: new Map() };
    if (!node.leaf.methods.has(method)) node.leaf.methods.set(method, handler);
  }

  match(path: string): RouteMatch<T> | undefined {
    const segs = segmentsOf(path);
    const values: string[] = [];
    const leaf = this.walk(this.root, segs, 0, values);
    if (!leaf) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < leaf.names.length; i++) params[leaf.names[i]!] = values[i]!;
    return { methods: leaf.methods, params, template: leaf.template };
  }

  private walk(node: Node<T>, segs: string[], i: number, values: string[]): Node<T>['leaf'] {
    if (i === segs.length) return node.leaf;
    const seg = segs[i]!;
    const lit = node.literals.get(seg.toLowerCase());
    if (lit) {
      const found = this.walk(lit, segs, i + 1, values);
      if (found) return found;
    }
    if (node.param) {
      values.push(decodeSegment(seg));
      const found = this.walk(node.param.node, segs, i + 1, values);
      if (found) return found;
      values.pop();
    }
    return undefined;
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path values arrive percent-encoded; GUIDs are stored lower-case, so any case matches. */
function decodeSegment(seg: string): string {
  let v = seg;
  if (seg.includes('%')) {
    try {
      v = decodeURIComponent(seg);
    } catch {
      v = seg;
    }
  }
  return v.length === 36 && GUID.test(v) ? v.toLowerCase() : v;
}
