// ET's paging rules: $top defaults to 25, $skip to 0; Top echoes the page size asked for.
import { HttpError } from '../http/errors.ts';

export interface Paging {
  skip: number;
  top: number;
  inlineCount: boolean;
}

function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new HttpError(400, `The query parameter ${name} must be a whole number of 0 or more.`);
  return n;
}

export function pagingOf(query: URLSearchParams): Paging {
  // ET's pages mention $take beside $top; accept it as another spelling.
  const top = intParam(query, '$top', intParam(query, '$take', 25));
  return {
    skip: intParam(query, '$skip', 0),
    top,
    inlineCount: (query.get('$inlinecount') ?? '').toLowerCase() === 'allpages',
  };
}

/**
 * TQL collections always carry Skip/Top/Total; OData ones only with $inlinecount=allpages. Both carry their
 * own `Self`, the URL the request was sent to (ET's pages show it after Items).
 */
export function envelope<T>(style: 'tql' | 'odata' | undefined, paging: Paging, total: number, items: T[], self: string): Record<string, unknown> {
  if (style === 'odata' && !paging.inlineCount) return { Items: items, Self: self };
  return { Skip: paging.skip, Top: paging.top, Total: total, Items: items, Self: self };
}
