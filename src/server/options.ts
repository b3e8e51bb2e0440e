// Options of the fake, shared by the CLI, startFake() and createApp().
import type { OpenApiDoc } from './spec/operations.ts';
import type { Data } from './engine/store-types.ts';
import type { RequestLogEntry } from './request-log.ts';
import type { Limits } from './http/limits.ts';

/** The built-in plug-ins, in the order their middleware must run (see plugins/loader.ts). */
// provider-states runs before auth and the rest, so that they too work on the state's sandbox.
export const DEFAULT_PLUGINS = ['cors', 'jsonp', 'provider-states', 'auth', 'validation', 'admin'];

export interface FakeOptions {
  /** Prefix the API also answers under, e.g. `/EnterpriseTester`. Default: none. */
  basePath?: string;
  /** Persist to this JSON file (reloaded at start). Default: memory only. */
  dataFile?: string;
  /** Replace the default data set: the data itself or a JSON file of it. */
  fixtures?: Data | string;
  /** Validate every response against the spec (the validation plug-in does the work). */
  strict?: boolean;
  /** Require credentials (the auth plug-in does the work). Default true. */
  auth?: boolean;
  /** Listening address for startFake(). Default 127.0.0.1. */
  host?: string;
  /** Port for startFake(); 0 picks a free one. Default 0. */
  port?: number;
  /** The spec to serve (the document or a JSON file of it). Default: generated/openapi.json of this package. */
  spec?: OpenApiDoc | string;
  /** With dataFile: the data file is rewritten from memory once the change log holds this many bytes. Default 8 MiB. */
  compactBytes?: number;
  /** Plug-in modules to install built-in names (DEFAULT_PLUGINS) or module URLs/paths (see plugins/loader.ts); false for the bare engine. Default: every built-in one. */
  plugins?: string[] | false;
  /** Largest request body in bytes (413 above it). Default 10 MB. */
  maxBodyBytes?: number;
  /** Largest file upload (multipart or raw bytes) in bytes. Default 100 MB. */
  maxUploadBytes?: number;
  /** What one request may cost: header and request timeouts, JSON depth and size, zip unpacking (http/limits.ts has the defaults). */
  limits?: Partial<Limits>;
  /** Sandboxes unused this long (ms) are dropped. Default 30 minutes. */
  sandboxIdleMs?: number;
  /** Requests the journal keeps per sandbox (and for the fake's own state). Default 1,000; 0 turns it off. */
  journalLimit?: number;
  /** Called after every request with its method, path, sandbox, status and time (the CLI's --log). */
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface ResolvedOptions {
  basePath: string;
  dataFile?: string;
  fixtures?: Data | string;
  strict: boolean;
  auth: boolean;
  host: string;
  port: number;
  spec?: OpenApiDoc | string;
  compactBytes?: number;
  plugins: string[] | false;
  maxBodyBytes?: number;
  maxUploadBytes?: number;
  limits?: Partial<Limits>;
  sandboxIdleMs: number;
  journalLimit: number;
  onRequest?: (entry: RequestLogEntry) => void;
}

/** `EnterpriseTester/` -> `/EnterpriseTester`; `/` -> ''. */
export function normaliseBasePath(value: string | undefined): string {
  if (!value) return '';
  const trimmed = value.trim().replace(/\/+$/, '');
  if (!trimmed) return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

export function resolveOptions(o: FakeOptions = {}): ResolvedOptions {
  return {
    basePath: normaliseBasePath(o.basePath),
    dataFile: o.dataFile,
    fixtures: o.fixtures,
    strict: o.strict ?? false,
    auth: o.auth ?? true,
    host: o.host ?? '127.0.0.1',
    port: o.port ?? 0,
    spec: o.spec,
    compactBytes: o.compactBytes,
    plugins: o.plugins ?? DEFAULT_PLUGINS,
    maxBodyBytes: o.maxBodyBytes,
    maxUploadBytes: o.maxUploadBytes,
    limits: o.limits,
    sandboxIdleMs: o.sandboxIdleMs ?? 30 * 60_000,
    journalLimit: o.journalLimit ?? 1_000,
    onRequest: o.onRequest,
  };
}
