// How ids and indexed values are compared.

/** ET ids are GUIDs, which compare case-insensitively. */
export function idKey(id: string): string {
  // Keep the record's own string when it is already lower case, so the index does not hold a second copy
  // (and a test is cheaper than lower-casing 100,000 ids at start-up).
  return UPPER.test(id) ? id.toLowerCase() : id;
}

/** Letters toLowerCase would change: ASCII capitals, or anything beyond ASCII (then let it decide). */
const UPPER = /[A-Z\u0080-\uffff]/;

export type IndexKey = string | number | boolean | bigint | null;

/**
 * The Map key a field value is indexed under: strings fold case, null and undefined (a missing field) are the
 * same key, other primitives are themselves. Objects and arrays cannot be looked up by value: undefined.
 */
export function indexKey(value: unknown): IndexKey | undefined {
  switch (typeof value) {
    case 'string':
      return value.toLowerCase();
    case 'number':
    case 'boolean':
    case 'bigint':
      return value;
    case 'undefined':
      return null;
    default:
      return value === null ? null : undefined;
  }
}
