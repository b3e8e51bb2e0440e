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

/** A Relationship record seen from one of its ends: `other` is the record at the far end. */
export interface RelationshipView extends Rec {
  relationship: Rec;
  /** The id of the record at this end, as stored. */
  thisId: string;
  other: Rec;
  /** The canonical entity type of `other`. */
  otherEntity: string;
  /** True when this end is the relationship's source. */
  fromSource: boolean;
}
