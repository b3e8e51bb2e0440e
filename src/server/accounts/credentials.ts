// Users' passwords live in their own `UserCredential` entity ({Id: the user's Id, Password}), which no
// route serves, so a password can never leak into a User response.
import type { Rec, Store } from '../engine/store-types.ts';

export const CREDENTIAL_ENTITY = 'UserCredential';
export const DEFAULT_USER = { userName: 'Administrator', password: 'password' };

/** The enabled user with this user name and password, or undefined. User names match case-insensitively. */
export function checkPassword(store: Store, userName: string, password: string): Rec | undefined {
  const user = store.collection('User').where('UserName', userName)[0];
  if (!user || user.Enabled === false) return undefined;
  const cred = store.collection(CREDENTIAL_ENTITY).get(user.Id);
  return cred && cred.Password === password ? user : undefined;
}

export function setPassword(store: Store, userId: string, password: string): void {
  store.collection(CREDENTIAL_ENTITY).replace({ Id: userId, Password: password });
}
