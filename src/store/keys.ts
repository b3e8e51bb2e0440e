// How ids and indexed values are compared.

/** ET ids are GUIDs, which compare case-insensitively. */
export function idKey(id: string): string {
  return id.toLowerCase();
}

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
