// Reads one ET help page (either text export) into a ResourceDoc plus the site's navigation list.
import {
  BuildError, HTTP_METHODS, type ExampleDoc, type HttpMethod, type OperationDoc, type PageDoc, type QueryStyle,
  type StatusDoc,
} from '../model.ts';
import {
  isTableHeader, isTableSeparator, pageLines, parseKeyValueRow, parseStatusRow, readBody, type Line,
} from './page-text.ts';

const SECTION_HEADINGS = new Set([
  'Methods', 'Required Permissions', 'Supported Expansions', 'Status Codes', 'Request Headers', 'Request Parameters',
  'Request Body', 'Response Headers', 'Response Body', 'Status Code',
]);
const EXAMPLE_PARTS = new Set(['Request Headers', 'Request Parameters', 'Request Body', 'Response Headers', 'Response Body']);

const isMethod = (t: string): t is HttpMethod => (HTTP_METHODS as readonly string[]).includes(t);
const isHeading = (t: string) => SECTION_HEADINGS.has(t) || isMethod(t) || t.startsWith('Example - ');
const bulletItem = (t: string) => /^[-•*]\s+(.+)$/.exec(t)?.[1]?.trim();
const isBoilerplate = (t: string) => /^(•\s*)?No labels$/.test(t) || t.startsWith('For more details on expansions');

export function parsePage(text: string, file: string): PageDoc {
  const lines = pageLines(text);
  const resourceAt = lines.findIndex((l) => l.text.startsWith('Resource:'));
  if (resourceAt < 0) {
    throw new BuildError({ file, line: 1 }, "expected a line 'Resource: <name> ( /api/<path> )'");
  }
  const navigation = readNavigation(lines.slice(0, resourceAt));
  const head = lines[resourceAt]!;
  const m = /^Resource:\s*(.+?)\s*\(\s*(\/\S*)\s*\)\s*$/.exec(head.text);
  if (!m) throw new BuildError({ file, line: head.line }, `expected 'Resource: <name> ( /api/<path> )', found '${head.text}'`);
  const [, name, path] = m as unknown as [string, string, string];
  checkPathTemplate(path, { file, line: head.line });

  let i = resourceAt + 1;
  const description: string[] = [];
  let rootRelation: string | undefined;
  let declared: HttpMethod[] = [];
  for (; i < lines.length && lines[i]!.text !== 'Methods'; i++) {
    const t = lines[i]!.text;
    const rel = /^Root Relation:\s*(\S+)/.exec(t);
    const methods = /^This resource supports the following methods:\s*(.+)$/.exec(t);
    if (rel) rootRelation = rel[1];
    else if (methods) declared = methods[1]!.split(/[\s,]+/).filter(isMethod);
    else description.push(t);
  }
  if (i >= lines.length) throw new BuildError({ file, line: lines[lines.length - 1]!.line }, "expected a 'Methods' section");
  i++;

  const operations: OperationDoc[] = [];
  while (i < lines.length) {
    const t = lines[i]!.text;
    if (isMethod(t)) {
      const parsed = parseMethod(lines, i, file, path);
      operations.push(parsed.op);
      i = parsed.next;
    } else if (isBoilerplate(t)) i++;
    else throw new BuildError({ file, line: lines[i]!.line }, `expected a method name (GET, POST, PUT, PATCH, DELETE), found '${t}'`);
  }
  for (const method of declared) {
    if (!operations.some((o) => o.method === method)) {
      throw new BuildError({ file, line: head.line }, `the page declares ${method} but has no ${method} section`);
    }
  }
  return {
    navigation,
    resource: {
      name, path, description: description.join(' '), rootRelation, operations, source: { file, line: head.line },
    },
  };
}

/** Navigation lists are entries separated by '-' lines; anything else before 'Resource:' is ignored. */
function readNavigation(lines: Line[]): string[] {
  if (!lines.some((l) => l.text === '-')) return [];
  return lines.map((l) => l.text).filter((t) => t !== '-');
}

function checkPathTemplate(path: string, at: { file: string; line: number }): void {
  if (!path.startsWith('/')) throw new BuildError(at, `expected a path starting with '/', found '${path}'`);
  const braces = path.replace(/\{[A-Za-z][A-Za-z0-9_]*\}/g, '');
  if (/[{}]/.test(braces)) throw new BuildError(at, `expected path parameters as {name}, found '${path}'`);
}

function parseMethod(lines: Line[], start: number, file: string, path: string): { op: OperationDoc; next: number } {
  const method = lines[start]!.text as HttpMethod;
  const op: OperationDoc = {
    method, description: '', queryParams: [], parameters: [], permissions: [], expansions: [], statuses: [],
    examples: [], source: { file, line: lines[start]!.line },
  };
  const description: string[] = [];
  let pending: string[] = [];
  let pendingTitle: string | undefined;
  let i = start + 1;
  while (i < lines.length && !isMethod(lines[i]!.text)) {
    const { text: t, line } = lines[i]!;
    const support = /^This method supports the (TQL query|OData) parameters (.+?)\.(\s|$)/.exec(t);
    if (t === 'Required Permissions' || t === 'Supported Expansions') {
      const list = t === 'Required Permissions' ? op.permissions : op.expansions;
      for (i++; i < lines.length && !isHeading(lines[i]!.text); i++) {
        const item = bulletItem(lines[i]!.text);
        if (item) list.push(item);
        else if (!isBoilerplate(lines[i]!.text)) break;
      }
    } else if (t === 'Status Codes') {
      const read = readStatusTable(lines, i + 1);
      op.statuses.push(...read.statuses);
      i = read.next;
    } else if (support) {
      op.queryStyle = (support[1] === 'TQL query' ? 'tql' : 'odata') satisfies QueryStyle;
      op.queryParams = support[2]!.split(/,|\band\b/).map((s) => s.trim()).filter(Boolean);
      i++;
    } else if (t.startsWith('Example - ')) {
      pendingTitle = t.slice('Example - '.length).trim();
      pending = [];
      i++;
    } else if (EXAMPLE_PARTS.has(t)) {
      const title = pendingTitle ?? pending[0] ?? `${method} example ${op.examples.length + 1}`;
      const read = readExample(lines, i, file, title, pending.join(' '), path);
      op.examples.push(read.example);
      pending = [];
      pendingTitle = undefined;
      i = read.next;
    } else if (t === 'Status Code' || t === 'Methods') {
      throw new BuildError({ file, line }, `'${t}' outside an example`);
    } else {
      if (!isBoilerplate(t)) (op.statuses.length === 0 && op.examples.length === 0 && pendingTitle === undefined ? description : pending).push(t);
      i++;
    }
  }
  if (pendingTitle !== undefined) {
    throw new BuildError({ file, line: lines[i - 1]!.line }, `example '${pendingTitle}' has no request or response sections`);
  }
  op.description = description.join(' ');
  return { op, next: i };
}

function readStatusTable(lines: Line[], start: number): { statuses: StatusDoc[]; next: number } {
  const statuses: StatusDoc[] = [];
  let i = start;
  // Boilerplate prose sits between the heading and the table.
  while (i < lines.length && !isTableHeader(lines[i]!.text) && !parseStatusRow(lines[i]!.text) && !isHeading(lines[i]!.text)) i++;
  for (; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (isTableHeader(t) || isTableSeparator(t)) continue;
    const row = parseStatusRow(t);
    if (!row) break;
    statuses.push({ code: row.code, meaning: row.meaning || row.reason });
  }
  return { statuses, next: i };
}

function readExample(
  lines: Line[], start: number, file: string, title: string, description: string, path: string,
): { example: ExampleDoc; next: number } {
  const example: ExampleDoc = {
    title, description: description || undefined, requestHeaders: {}, pathParams: {}, queryParams: {},
    paramDescriptions: {}, responseHeaders: {}, status: 0, source: { file, line: lines[start]!.line },
  };
  const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => `{${m[1]}}`);
  let i = start;
  while (i < lines.length) {
    const { text: t, line } = lines[i]!;
    if (t === 'Request Headers' || t === 'Response Headers') {
      const target = t === 'Request Headers' ? example.requestHeaders : example.responseHeaders;
      for (i++; i < lines.length && !isHeading(lines[i]!.text); i++) {
        const row = lines[i]!;
        if (isTableHeader(row.text) || isTableSeparator(row.text)) continue;
        const kv = parseKeyValueRow(row.text, 'header', [], { file, line: row.line });
        target[kv.key] = kv.value;
      }
    } else if (t === 'Request Parameters') {
      for (i++; i < lines.length && !isHeading(lines[i]!.text); i++) {
        const row = lines[i]!;
        if (isTableHeader(row.text) || isTableSeparator(row.text)) continue;
        const kv = parseKeyValueRow(row.text, 'param', pathParams, { file, line: row.line });
        const pathName = /^\{(.+)\}$/.exec(kv.key)?.[1];
        if (pathName !== undefined) {
          if (!pathParams.includes(kv.key)) {
            throw new BuildError({ file, line: row.line }, `parameter ${kv.key} is not in the path template ${path}`);
          }
          example.pathParams[pathName] = kv.value;
        } else example.queryParams[kv.key] = kv.value;
        if (kv.description) example.paramDescriptions[kv.key] = kv.description;
      }
    } else if (t === 'Request Body' || t === 'Response Body') {
      const body = readBody(lines, i + 1, isHeading, file);
      if (t === 'Request Body') example.requestBody = body.value;
      else example.responseBody = body.value;
      i = body.next;
    } else if (t === 'Status Code') {
      const row = lines[i + 1] && parseStatusRow(lines[i + 1]!.text);
      if (!row) throw new BuildError({ file, line }, "expected a status line such as '200 - OK' after 'Status Code'");
      example.status = row.code;
      return { example, next: i + 2 };
    } else {
      throw new BuildError({ file, line }, `expected an example section (Request Headers, Request Parameters, Request Body, Response Headers, Response Body, Status Code), found '${t}'`);
    }
  }
  throw new BuildError(example.source, `example '${title}' ends without a 'Status Code'`);
}
