// `et-fake coverage`: how much of ET 6.1's API the generated spec documents.
// Compares the operations of generated/openapi.json with docs-spec/et-operations.txt
// (one `METHOD /path` per line). Paths match case-insensitively and parameter names
// are ignored, so `/api/user/{id}` and `/api/user/{userId}` are the same operation.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface Operation {
  method: string;
  path: string;
}

export interface CoverageReport {
  /** Reference operations found in the spec. */
  documented: Operation[];
  /** Reference operations the spec lacks. */
  missing: Operation[];
  /** Spec operations that are not in the reference list (the fake's extras). */
  extra: Operation[];
  /** Size of the reference list. */
  total: number;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The key two operations share when they are the same call. */
export function operationKey(op: Operation): string {
  const normalisedPath = op.path
    .trim()
    .toLowerCase()
    .replace(/\{[^}]*\}/g, '{}')
    // `/api/` and `/api` are one path; only a bare `/` keeps its slash.
    .replace(/(.)\/+$/, '$1');
  return `${op.method.trim().toUpperCase()} ${normalisedPath}`;
}

/** Reads `METHOD /path` lines; blank lines and `#` comments are skipped. */
export function parseOperationList(text: string): Operation[] {
  const operations: Operation[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z]+)\s+(\S+)$/.exec(line);
    if (!match) throw new Error(`et-operations: cannot read line '${line}'`);
    operations.push({ method: match[1]!.toUpperCase(), path: match[2]! });
  }
  return operations;
}

/** Every method + path of an OpenAPI document's `paths`. */
export function openApiOperations(doc: unknown): Operation[] {
  const paths = (doc as { paths?: Record<string, Record<string, unknown>> } | null)?.paths ?? {};
  const operations: Operation[] = [];
  for (const [p, item] of Object.entries(paths)) {
    for (const method of Object.keys(item ?? {})) {
      if (HTTP_METHODS.includes(method.toLowerCase())) operations.push({ method: method.toUpperCase(), path: p });
    }
  }
  return operations;
}

export function compareOperations(spec: Operation[], reference: Operation[]): CoverageReport {
  const specKeys = new Set(spec.map(operationKey));
  const referenceKeys = new Set(reference.map(operationKey));
  const byKey = (a: Operation, b: Operation) => compareText(operationKey(a), operationKey(b));
  const seen = new Set<string>();
  const extra = spec
    .filter((op) => {
      const key = operationKey(op);
      if (referenceKeys.has(key) || seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(byKey);
  return {
    documented: reference.filter((op) => specKeys.has(operationKey(op))).sort(byKey),
    missing: reference.filter((op) => !specKeys.has(operationKey(op))).sort(byKey),
    extra,
    total: reference.length,
  };
}

export function formatCoverageReport(report: CoverageReport): string {
  const n = report.documented.length;
  const percent = report.total === 0 ? 0 : (100 * n) / report.total;
  const lines = [`documented ${n} of ${report.total} ET operations (${percent.toFixed(1)}%)`];
  if (report.missing.length > 0) {
    lines.push(`missing (${report.missing.length}):`);
    for (const op of report.missing) lines.push(`  ${op.method} ${op.path}`);
  }
  if (report.extra.length > 0) {
    lines.push(`extra, not in ET 6.1's list (${report.extra.length}):`);
    for (const op of report.extra) lines.push(`  ${op.method} ${op.path}`);
  }
  return lines.join('\n') + '\n';
}

/** `coverage [--root dir] [--spec file] [--operations file]`; always exits 0 when the files can be read. */
export async function runCoverageCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { root: { type: 'string' }, spec: { type: 'string' }, operations: { type: 'string' } },
  });
  const root = values.root ?? process.cwd();
  const specFile = path.resolve(root, values.spec ?? 'generated/openapi.json');
  const operationsFile = path.resolve(root, values.operations ?? 'docs-spec/et-operations.txt');
  const spec = openApiOperations(JSON.parse(await readFile(specFile, 'utf8')));
  const reference = parseOperationList(await readFile(operationsFile, 'utf8'));
  process.stdout.write(formatCoverageReport(compareOperations(spec, reference)));
  return 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
