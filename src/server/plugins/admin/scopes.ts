// A scope is what the admin API acts on: the fake's own state, or one sandbox. Each has its store, its
// journal and its fault rules; a sandbox also remembers what it started from and when it was last used.
import { randomUUID } from 'node:crypto';
import type { Data, Store } from '../../engine/store-types.ts';
import { FaultRules } from './faults.ts';
import { Journal } from './journal.ts';

export interface Scope {
  /** null for the fake's own state. */
  id: string | null;
  store: () => Store;
  journal: Journal;
  faults: FaultRules;
  /** Back to what the scope started from (the start data, or the snapshot a sandbox was made from). */
  reset(): void;
}

export interface Sandbox extends Scope {
  id: string;
  createdAt: Date;
  lastUsed: number;
}

export interface SandboxOptions {
  journalLimit: number;
  idleMs: number;
}

export class Sandboxes {
  private readonly byId = new Map<string, Sandbox>();
  /** Sweeps while sandboxes exist, so idle ones go (with their stores) even when nobody calls the admin API. */
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly base: () => Store,
    private readonly options: SandboxOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** A copy-on-write fork of the start data, or of `start` (a snapshot) when given. */
  create(start?: Data): Sandbox {
    this.sweep();
    const fresh = () => {
      const forked = this.base().fork();
      if (start) forked.load(start); // throws StoreError for a badly shaped snapshot, before anything is kept
      return forked;
    };
    let store = fresh();
    const sandbox: Sandbox = {
      id: randomUUID(),
      store: () => store,
      journal: new Journal(this.options.journalLimit),
      faults: new FaultRules(),
      // A new fork rather than store.reset(): whatever behaviours keep per store (seeded links, memos) starts
      // over too, as the fake's own reset clears it.
      reset: () => {
        store = fresh();
      },
      createdAt: new Date(this.now()),
      lastUsed: this.now(),
    };
    this.byId.set(sandbox.id, sandbox);
    this.scheduleSweep();
    return sandbox;
  }

  private scheduleSweep(): void {
    if (this.sweeper || this.byId.size === 0) return;
    const every = Math.min(Math.max(this.options.idleMs, 100), 60_000);
    this.sweeper = setTimeout(() => {
      this.sweeper = undefined;
      this.sweep();
      this.scheduleSweep();
    }, every);
    this.sweeper.unref(); // never what keeps the process alive
  }

  /** The sandbox, marked as used; undefined when unknown or expired. */
  use(id: string): Sandbox | undefined {
    const sandbox = this.byId.get(id.toLowerCase());
    if (!sandbox) return undefined;
    if (this.expired(sandbox)) {
      this.drop(sandbox.id);
      return undefined;
    }
    sandbox.lastUsed = this.now();
    return sandbox;
  }

  list(): Sandbox[] {
    this.sweep();
    return [...this.byId.values()];
  }

  drop(id: string): boolean {
    const sandbox = this.byId.get(id.toLowerCase());
    if (!sandbox) return false;
    this.byId.delete(sandbox.id);
    void sandbox.store().close();
    return true;
  }

  /** Drops every sandbox idle for longer than the idle time. */
  sweep(): void {
    for (const sandbox of this.byId.values()) if (this.expired(sandbox)) this.drop(sandbox.id);
  }

  get size(): number {
    return this.byId.size;
  }

  private expired(sandbox: Sandbox): boolean {
    return this.now() - sandbox.lastUsed > this.options.idleMs;
  }
}
