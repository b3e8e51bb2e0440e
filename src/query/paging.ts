// Validation of the paging parameters shared by TQL and OData collections.
import { QueryError } from './errors.ts';

export interface Paging {
  /** Page size, or undefined for "the server's default". */
  top?: number;
  skip: number;
  /** `$inlinecount=allpages`: answer Skip/Top/Total alongside Items. */
  inlineCount: boolean;
}

function nonNegativeInteger(name: string, value: string): number {
  if (!/^\s*\d+\s*$/.test(value)) throw new QueryError(`Invalid ${name}: '${value}' is not a non-negative whole number`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new QueryError(`Invalid ${name}: '${value}' is too large`);
  return n;
}

/** Parse `$top`, `$skip` and `$inlinecount` query values (absent values are undefined). Throws QueryError. */
export function validatePaging(query: { $top?: string; $skip?: string; $inlinecount?: string }): Paging {
  const paging: Paging = { skip: 0, inlineCount: false };
  if (query.$top !== undefined && query.$top !== '') paging.top = nonNegativeInteger('$top', query.$top);
  if (query.$skip !== undefined && query.$skip !== '') paging.skip = nonNegativeInteger('$skip', query.$skip);
  if (query.$inlinecount !== undefined && query.$inlinecount !== '') {
    const mode = query.$inlinecount.toLowerCase();
    if (mode !== 'allpages' && mode !== 'none') {
      throw new QueryError(`Invalid $inlinecount: '${query.$inlinecount}' (expected allpages or none)`);
    }
    paging.inlineCount = mode === 'allpages';
  }
  return paging;
}
