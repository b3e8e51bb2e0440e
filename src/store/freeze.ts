// Records are shared between a store, its sandboxes and every caller, so nobody may change one in place.
// Freezing (shallow) turns an accidental mutation into a TypeError during development and tests; production
// skips it to save the pass over large data sets.

const enabled = process.env.NODE_ENV !== 'production';

export function freezeRecord<T extends object>(rec: T): T {
  return enabled ? Object.freeze(rec) : rec;
}
