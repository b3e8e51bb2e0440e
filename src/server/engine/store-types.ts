// The store's types, as the server uses them (src/store implements them).
export type { Collection, Data, Rec, Store } from '../../store/index.ts';
