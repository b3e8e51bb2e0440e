// ET-specific OData property names that are not fields of the entity's JSON.
// ET's own help filters users with `$filter=Name eq 'john'`, though a user's JSON has
// UserName, FirstName and LastName but no Name; the fake reads it as the user name.
const ALIASES: Record<string, Record<string, string>> = {
  User: { name: 'UserName' },
};

/** The stored field an ET-specific OData name stands for on `entity` (lower-case name), if any. */
export function odataAlias(entity: string, lowerName: string): string | undefined {
  return ALIASES[entity]?.[lowerName];
}
