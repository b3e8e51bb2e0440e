// HTTP Basic authentication against the store's users (passwords live apart, see ../credentials.ts).
import { checkPassword } from './credentials.ts';
import { json } from '../http/responses.ts';
import { accountsVersion, memoUntilAccountsChange } from './version.ts';
import type { Rec, Store } from '../engine/store-types.ts';

export const REALM = 'Enterprise Tester';

/** The Authorization header that signs in with these Basic credentials (the inverse of basicCredentials). */
export const basicAuthorization = (c: { userName: string; password: string }): string => `Basic ${Buffer.from(`${c.userName}:${c.password}`).toString('base64')}`;

/** `Basic base64(user:password)` -> its two halves; undefined for any other or malformed header. */
export function basicCredentials(header: string | null | undefined): { userName: string; password: string } | undefined {
  if (!header) return undefined;
  const m = /^\s*basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // A user name cannot contain a colon; the password may.
  if (colon <= 0) return undefined;
  return { userName: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The enabled user the Authorization header names with the right password, or undefined. */
export function authenticate(store: Store, header: string | null | undefined): Rec | undefined {
  if (!header) return undefined;
  const version = accountsVersion(store);
  const hit = lastHeader;
  if (hit && hit.header === header && hit.store === store && hit.version === version) return hit.user;
  // Clients send the same header on every call: decode and look it up once until the accounts change.
  const user = memoUntilAccountsChange(store, `basic ${header}`, () => {
    const creds = basicCredentials(header);
    return creds ? checkPassword(store, creds.userName, creds.password) : undefined;
  });
  lastHeader = { header, store, version, user };
  return user;
}

/** The last header's answer, checked before the memo (whose key would be a new string per call). */
let lastHeader: { header: string; store: Store; version: number; user: Rec | undefined } | undefined;

/** ET's 401: a Basic challenge so browsers and HTTP clients know to send credentials. */
export function challenge(header: string | null | undefined): Response {
  const text = header
    ? 'Authorization has been denied for this request: the user name or password is wrong, or the user is disabled.'
    : 'Authorization has been denied for this request: send HTTP Basic credentials.';
  return json({ Message: text }, 401, { 'WWW-Authenticate': `Basic realm="${REALM}"` });
}
