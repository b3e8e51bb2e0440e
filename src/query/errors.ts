// QueryError: the only error type user-supplied query text may produce.
// Messages are written to be shown as ET's {"Message": ...} body.

export interface QueryPosition {
  offset: number;
  line: number;
  column: number;
}

export class QueryError extends Error {
  position?: QueryPosition;

  constructor(message: string, position?: QueryPosition) {
    super(message);
    this.name = 'QueryError';
    if (position) this.position = position;
  }
}

export type QueryLanguage = 'TQL' | 'OData $filter' | 'OData $orderby';

/** Source offset of an AST node, set by the parsers (non-enumerable, so ASTs compare by value). */
export function positionOf(node: object): number | undefined {
  const pos = (node as { pos?: unknown }).pos;
  return typeof pos === 'number' ? pos : undefined;
}

/** Line/column (1-based) of an offset in `text`. */
export function positionAt(text: string, offset: number): QueryPosition {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { offset, line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** "column 14" for one-line queries, "line 2, column 3" otherwise. */
export function describePosition(text: string, pos: QueryPosition): string {
  return text.includes('\n') ? `line ${pos.line}, column ${pos.column}` : `column ${pos.column}`;
}

/** A semantic (post-parse) error that points at a place in the query text. */
export function errorAt(language: QueryLanguage, text: string, offset: number | undefined, detail: string): QueryError {
  if (offset === undefined) return new QueryError(`Invalid ${language}: ${detail}`);
  const pos = positionAt(text, offset);
  return new QueryError(`Invalid ${language} at ${describePosition(text, pos)}: ${detail}`, pos);
}

interface PeggyExpectation {
  type: string;
  text?: string;
  description?: string;
}

interface PeggySyntaxError {
  message: string;
  expected: PeggyExpectation[] | null;
  found: string | null;
  location: { start: { offset: number } };
}

function isPeggySyntaxError(err: unknown): err is PeggySyntaxError {
  return typeof err === 'object' && err !== null && 'location' in err && 'expected' in err;
}

const AGGREGATE_KEYWORDS = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'GROUP']);
/** A query that starts like an aggregate one. */
const AGGREGATE_START = /^\s*(?:count\b|(?:sum|avg|min|max)\s*\(|group\s+by\b)/i;

function describeExpectations(expected: PeggyExpectation[]): string {
  const names = new Set<string>();
  let aggregates = false;
  for (const e of expected) {
    if (e.type === 'literal' && e.text !== undefined) {
      const upper = e.text.toUpperCase();
      if (AGGREGATE_KEYWORDS.has(upper)) aggregates = true;
      // Keywords read best bare (NOT, ORDER, eq); punctuation quoted ('(', ',').
      else names.add(/^[a-z]+$/i.test(e.text) ? e.text : `'${e.text}'`);
    } else if (e.type === 'other' && e.description !== undefined && e.description !== 'whitespace') {
      names.add(e.description);
    } else if (e.type === 'end') {
      names.add('end of query');
    }
  }
  if (aggregates) names.add('an aggregate (COUNT, SUM, AVG, MIN, MAX, GROUP BY)');
  const list = [...names].sort();
  if (list.length === 0) return 'something else';
  if (list.length === 1) return list[0]!;
  return `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

/** What the usual mistake at this point is (habits from JQL, SQL or C), as a parenthesised hint, or ''. */
function hintFor(language: QueryLanguage, text: string, offset: number, prev: string | undefined, expected: string): string {
  const rest = text.slice(offset);
  const word = /^[A-Za-z0-9_]/;
  if (language === 'TQL') {
    if (rest.startsWith('(') && /^in$/i.test(prev ?? '')) return ' (TQL lists are in square brackets: IN [Open, Closed])';
    if (rest.startsWith('=') && prev === '=') return ' (TQL compares with a single =)';
    if (/^like\b/i.test(rest)) return ' (TQL matches text with ~ or CONTAINS)';
    // After a complete condition, a second bare word is most likely the rest of an unquoted value.
    if (expected.includes('AND') && word.test(rest) && prev !== undefined && word.test(prev)) {
      // A field and an operator follow: a second condition without AND/OR. Otherwise a value of several words.
      if (/^\w+\s*(=|!=|!~|~|<|>|(IN|IS|NOT|CONTAINS|DOES)\b)/i.test(rest)) return ' (AND or OR missing between two conditions?)';
      return " (a value of several words needs quotes: 'Online Banking')";
    }
    return '';
  }
  if (/^(&&|\|\|)/.test(rest)) return ' (OData joins conditions with and, or)';
  return '';
}

/** The last token before `offset`, for "after '='" in messages. */
function previousToken(text: string, offset: number): string | undefined {
  const before = text.slice(0, offset).trimEnd();
  if (before === '') return undefined;
  const match = /(?:[A-Za-z0-9_]+|'[^']*'|"[^"]*"|[<>!]=|!~|\S)$/.exec(before);
  return match?.[0];
}

function describeFound(text: string, offset: number): string {
  if (offset >= text.length) return 'end of query';
  const token = /^(?:[A-Za-z0-9_.\-]+|\S)/.exec(text.slice(offset))?.[0] ?? text[offset]!;
  return `'${token}'`;
}

/** Turn a Peggy SyntaxError into a QueryError naming the position, what was expected and what was found. */
export function fromSyntaxError(language: QueryLanguage, text: string, err: unknown): QueryError {
  if (!isPeggySyntaxError(err)) {
    return new QueryError(`Invalid ${language}: the query could not be evaluated (${err instanceof Error ? err.message : String(err)})`);
  }
  const offset = err.location.start.offset;
  const pos = positionAt(text, offset);
  // A grammar action's own error() (no expectations): its message says what is wrong.
  if (err.expected === null && err.message) return new QueryError(`Invalid ${language} at ${describePosition(text, pos)}: ${err.message}`, pos);
  const expected = describeExpectations(err.expected ?? []);
  const prev = previousToken(text, offset);
  const found = describeFound(text, offset);
  const rest = text.slice(offset);
  if (language !== 'TQL' && rest.startsWith('"')) {
    return new QueryError(`Invalid ${language} at ${describePosition(text, pos)}: OData strings are in single quotes ('text', with '' for a quote inside), not double quotes`, pos);
  }
  const closed = language === 'TQL' ? /^(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/ : /^'(?:[^']|'')*'/;
  if (/^['"]/.test(rest) && !closed.test(rest)) {
    return new QueryError(`Invalid ${language} at ${describePosition(text, pos)}: the quoted string that starts here is never closed`, pos);
  }
  // ORDER BY where the grammar takes none: after an aggregate query (COUNT ... WHERE ...), whose results have no order.
  if (language === 'TQL' && /^order\s+by\b/i.test(rest) && !/\bORDER\b/.test(expected) && AGGREGATE_START.test(text)) {
    return new QueryError(`Invalid ${language} at ${describePosition(text, pos)}: an aggregate query (COUNT, SUM, AVG, MIN, MAX, GROUP BY) takes no ORDER BY`, pos);
  }
  const after = prev === undefined ? '' : ` after '${prev.length > 30 ? `${prev.slice(0, 30)}...` : prev}'`;
  return new QueryError(
    `Invalid ${language} at ${describePosition(text, pos)}: expected ${expected}${after}, found ${found}${hintFor(language, text, offset, prev, expected)}`,
    pos,
  );
}
