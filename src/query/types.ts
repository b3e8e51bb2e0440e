// The record and context shapes shared by every query module (re-exported by index.ts).

export type Rec = Record<string, unknown> & { Id: string };

export interface QueryContext {
  currentUser?: { Id: string; UserName: string };
  /** One stored record by id, e.g. lookup('Project', rec.ProjectId). */
  lookup(entity: string, id: string): Rec | undefined;
  /** Every stored record of an entity type. */
  all(entity: string): Iterable<Rec>;
  /** TQL's timeZone parameter: the zone whose calendar days date literals, Month() and Day() use. Default UTC. */
  timeZone?: string;
}

/** A record together with its entity type (search results and aggregates mix types). */
export interface Row {
  entity: string;
  record: Rec;
}
