// What ET derives for an external system from its Type and settings: the type's description and categories
// (the ExternalSystemType record), the name qualified by the kind, how it connects and where to, whether the
// settings are complete enough to connect, and who it connects as. A password is kept only as the fact that
// there is one (HasPassword): ET never answers it.
import type { Rec, Store } from '../store-types.ts';
import { connectionOf, externalSystemKind } from './external-system-types.ts';

const settingsOf = (rec: Record<string, unknown>): Record<string, unknown> =>
  rec.FieldValues && typeof rec.FieldValues === 'object' && !Array.isArray(rec.FieldValues) ? (rec.FieldValues as Record<string, unknown>) : {};

function typeRecord(store: Store, type: unknown): Rec | undefined {
  if (typeof type !== 'string' || !store.entities().includes('ExternalSystemType')) return undefined;
  const types = store.collection('ExternalSystemType');
  return types.get(type) ?? [...types.values()].find((t) => t.Id.toLowerCase() === type.toLowerCase());
}

/** A derivation (derived.ts), by shape. */
export const externalSystemDerivation = {
  from: ['Type', 'Name', 'FieldValues'],
  derive(rec: Record<string, unknown>, store: Store): Record<string, unknown> {
    const kind = externalSystemKind(rec.Type);
    const type = typeRecord(store, rec.Type);
    const connection = kind?.connection ?? 'Rest';
    const { Password: password, ...settings } = settingsOf(rec);
    const connectsTo = connectionOf(connection, settings);
    const userName = typeof settings.UserName === 'string' && settings.UserName.trim() ? settings.UserName : null;
    const shortName = kind?.shortName ?? (typeof type?.Name === 'string' ? type.Name : String(rec.Type ?? ''));
    return {
      TypeDescription: type?.Name ?? null,
      Categories: Array.isArray(type?.Categories) ? [...type.Categories] : [],
      QualifiedName: typeof rec.Name === 'string' ? `${shortName}: ${rec.Name}` : null,
      ConnectionType: connection,
      ConnectionString: connectsTo,
      // A browser can open a REST service, not a database.
      DisplayUrl: connection === 'Rest' ? connectsTo : null,
      ConfigurationComplete: connectsTo !== null,
      ConfigurationProblems: connectsTo !== null ? [] : [connection === 'Rest' ? 'The Url of the service is not set.' : 'The database connection (Server and Database) is not set.'],
      UserName: userName,
      // A save that sends no password keeps the one the system has.
      HasPassword: (typeof password === 'string' && password !== '') || rec.HasPassword === true,
      ...(rec.FieldValues && typeof rec.FieldValues === 'object' ? { FieldValues: settings } : {}),
    };
  },
};
