// Fields ET derives from a record's own fields rather than taking from the body: worked out again by every
// write that sets one of the fields they are derived from (a create always), so they follow what they describe.
import type { Store } from '../store-types.ts';
import { externalSystemDerivation } from './external-systems.ts';
import { scheduleDerivation } from './schedules.ts';

export interface Derivation {
  /** The fields the derived ones follow: a save that sets none of them keeps what was derived. */
  from: string[];
  /** The derived fields of the record as it is after the write; `now` is the server's clock (ms). */
  derive(rec: Record<string, unknown>, store: Store, now: number): Record<string, unknown>;
}

/** ET's derived fields, by entity. */
const DERIVATIONS: Record<string, Derivation> = {
  SynchronizationScheduleInfo: scheduleDerivation,
  ExternalSystem: externalSystemDerivation,
};

/** The derived fields of a new record (all of them) or of a save (when it sets what they follow), else undefined. */
export function derivedFields(entity: string, store: Store, written: Record<string, unknown>, before?: Record<string, unknown>): Record<string, unknown> | undefined {
  const derivation = DERIVATIONS[entity];
  if (!derivation) return undefined;
  if (before && !derivation.from.some((f) => f in written)) return undefined;
  return derivation.derive({ ...before, ...written }, store, Date.now());
}
