// Low-level readers for ET help pages exported as text: lines, tables (both export formats) and bodies.
import { BuildError, type SourceRef } from '../model.ts';

export interface Line {
  text: string;
  line: number;
}

/** Non-empty, trimmed lines with their 1-based line numbers. */
export function pageLines(text: string): Line[] {
  const out: Line[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = raw.replace(/\u00a0/g, ' ').trim();
    if (t !== '') out.push({ text: t, line: i + 1 });
  });
  return out;
}

const REASONS = [
  'OK', 'Created', 'Accepted', 'NoContent', 'No Content', 'BadRequest', 'Bad Request', 'Unauthorized', 'Forbidden',
  'NotFound', 'Not Found', 'MethodNotAllowed', 'Method Not Allowed', 'Conflict', 'RequestEntityTooLarge',
  'UnsupportedMediaType', 'Unsupported Media Type', 'InternalServerError', 'Internal Server Error', 'NotModified',
];

export interface StatusRow {
  code: number;
  reason: string;
  meaning: string;
}

/** `200 - OK | Returned if ... |` (pipe format) or `200 - OKReturned if ...` (cells run together). */
export function parseStatusRow(row: string): StatusRow | undefined {
  const m = /^(\d{3})\s*-\s*(.*)$/.exec(row);
  if (!m) return undefined;
  const code = Number(m[1]);
  const rest = m[2]!;
  if (rest.includes('|')) {
    const [reason = '', meaning = ''] = splitPipeCells(rest);
    return { code, reason, meaning };
  }
  // Longest known reason phrase first, so 'Not Found' wins over 'Not'.
  const reason = [...REASONS].sort((a, b) => b.length - a.length).find((r) => rest.startsWith(r));
  if (reason) return { code, reason, meaning: rest.slice(reason.length).trim() };
  const boundary = /^([A-Za-z]+?)([A-Z][a-z].*)$/.exec(rest);
  return boundary ? { code, reason: boundary[1]!, meaning: boundary[2]!.trim() } : { code, reason: rest, meaning: '' };
}

/** Cells of a pipe-format table row; a `|` inside a value (no spaces around it) is kept. */
export function splitPipeCells(row: string): string[] {
  const cells = row.trim().split(/\s+\|\s*|\s*\|\s+|\|$/).map((c) => c.trim());
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  if (cells.length > 0 && cells[0] === '' && row.trim().startsWith('|')) cells.shift();
  return cells;
}

export function isPipeRow(row: string): boolean {
  return /\s\|(\s|$)/.test(row) || row.endsWith('|');
}

export function isTableHeader(row: string): boolean {
  return /^(Key\s*\|\s*Value\s*\|\s*Description\s*\|?|KeyValueDescription|Status\s*\|\s*Description\s*\|?|StatusDescription)$/.test(row);
}

export function isTableSeparator(row: string): boolean {
  return /^[-|\s]+$/.test(row) && row.includes('---');
}

const KNOWN_HEADERS = [
  'Accept', 'Accept-Encoding', 'Accept-Language', 'Authorization', 'Cache-Control', 'Content-Disposition',
  'Content-Length', 'Content-Type', 'ETag', 'Location', 'WWW-Authenticate', 'Allow', 'Origin', 'indent-json',
  'wait-until-indexed', 'X-HTTP-Method-Override',
];

const KNOWN_PARAMS = [
  'tql', 'timeZone', 'format', 'indexName', 'deleteChildren', 'query', 'valuesqry', 'callback', 'keepReferences',
  'indent-json', '$top', '$skip', '$take', '$filter', '$orderby', '$inlinecount', '$expand', '$expands',
];

export interface KeyValueRow {
  key: string;
  value: string;
  description: string;
}

/**
 * Splits a table row into key, value and description. Pipe rows split on the pipes; run-together rows
 * use the names the page can contain (known headers and parameters, `{path}` parameters) for the key,
 * and the start of a sentence glued to the value for the description.
 */
export function parseKeyValueRow(row: string, kind: 'header' | 'param', extraKeys: string[], at: SourceRef): KeyValueRow {
  if (isPipeRow(row)) {
    const [key = '', value = '', description = ''] = splitPipeCells(row);
    return { key, value, description };
  }
  const key = runTogetherKey(row, kind, extraKeys);
  if (key === undefined) {
    throw new BuildError(at, `expected a ${kind === 'header' ? 'header name' : 'parameter name'} at the start of '${row}'`);
  }
  const { value, description } = splitValueAndDescription(row.slice(key.length));
  return { key, value, description };
}

function runTogetherKey(row: string, kind: 'header' | 'param', extraKeys: string[]): string | undefined {
  if (kind === 'param' && row.startsWith('{')) {
    const end = row.indexOf('}');
    return end > 0 ? row.slice(0, end + 1) : undefined;
  }
  const vocabulary = kind === 'header' ? [...KNOWN_HEADERS, ...extraKeys] : [...KNOWN_PARAMS, ...extraKeys];
  const matches = vocabulary.filter((k) => row.startsWith(k)).sort((a, b) => b.length - a.length);
  if (matches[0]) return matches[0];
  if (kind === 'param' && row.startsWith('$')) return /^\$[a-z]+/.exec(row)?.[0];
  return undefined;
}

/** `Name ~ 'Report'The TQL query to execute.` -> value and description, split where a sentence is glued on. */
export function splitValueAndDescription(text: string): { value: string; description: string } {
  for (let i = 1; i < text.length; i++) {
    const prev = text[i - 1]!;
    if (/\s/.test(prev)) continue;
    const rest = text.slice(i);
    if ((/^[A-Z][a-z]* \S/.test(rest) || /^[A-Z][a-z]+\.$/.test(rest)) && isBalanced(text.slice(0, i))) {
      return { value: text.slice(0, i).trim(), description: rest.trim() };
    }
  }
  return { value: text.trim(), description: '' };
}

/** A value cut in the middle of a quoted string or a bracket is not where the description starts. */
function isBalanced(value: string): boolean {
  const count = (re: RegExp) => (value.match(re) ?? []).length;
  return count(/'/g) % 2 === 0 && count(/"/g) % 2 === 0 && count(/\(/g) === count(/\)/g) && count(/\[/g) === count(/\]/g);
}

/**
 * Reads a body that starts at lines[start]: JSON (possibly spread over several lines) when it starts
 * with `{` or `[`, else text up to `stop`. Returns the value and the index of the line after it.
 */
export function readBody(lines: Line[], start: number, isHeading: (t: string) => boolean, file: string): { value: unknown; next: number } {
  const first = lines[start];
  if (!first) throw new BuildError({ file, line: lines[lines.length - 1]?.line ?? 1 }, 'expected a body, found end of page');
  if (!/^[[{]/.test(first.text)) {
    let j = start;
    const parts: string[] = [];
    while (j < lines.length && !isHeading(lines[j]!.text)) parts.push(lines[j++]!.text);
    return { value: parts.join('\n'), next: j };
  }
  let depth = 0;
  let inString = false;
  let escaped = false;
  const parts: string[] = [];
  for (let j = start; j < lines.length; j++) {
    const t = lines[j]!.text;
    parts.push(t);
    for (const ch of t) {
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
    }
    if (depth <= 0) {
      const text = parts.join('\n');
      try {
        return { value: JSON.parse(text), next: j + 1 };
      } catch (err) {
        throw new BuildError({ file, line: first.line }, `expected a JSON body: ${(err as Error).message}`);
      }
    }
  }
  throw new BuildError({ file, line: first.line }, 'expected a JSON body: brackets are not closed before the end of the page');
}
