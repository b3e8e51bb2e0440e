// Stage accounts: who the callers are (Basic credentials against users, passwords kept apart) and which
// permissions they hold through their grants and groups.
export * from './basic.ts';
export * from './credentials.ts';
export * from './grants.ts';
export * from './held.ts';
