// $filter and $orderby over a list a behaviour works out itself (a group's users, a step's incident links), the
// way ET's OData collections take them: over the listed entity's stored properties, refusing unknown names.
import type { EtCall } from './call.ts';
import { odataFieldsOf, odataFieldsOfItems, queryContext } from './query-bridge.ts';
import type { Rec } from './store-types.ts';

export async function odataOver(call: EtCall, entity: string, records: Rec[]): Promise<Rec[]> {
  const filter = call.query.get('$filter') ?? undefined;
  const orderby = call.query.get('$orderby') ?? undefined;
  if (!filter && !orderby) return records;
  const def = call.engine.catalog.get(entity);
  // A model that declares no properties: the names its records hold are the ones a query may use.
  const fields = (def && odataFieldsOf(def)) ?? odataFieldsOfItems(entity, records);
  return (await call.engine.queries()).odata(records, { filter, orderby, fields }, queryContext(call.engine.store, call.user));
}
