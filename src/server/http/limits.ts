// What one request may cost the fake: sizes, times, JSON shape and zip unpacking. One table of defaults
// (README: Limits); FakeOptions.limits overrides any of them, maxBodyBytes/maxUploadBytes also as options of
// their own. Every refusal is ET's {"Message"} with a 4xx: 413 too large, 400 unreadable, 408 too slow,
// 431 headers too large. $top/$take: 0 to 1000 (a larger page is refused, not capped, so Top echoes the ask).
export const MAX_TOP = 1000;

export interface Limits {
  /** Largest ordinary request body. */
  maxBodyBytes: number;
  /** Largest file upload (multipart or raw bytes: attachments, result files). */
  maxUploadBytes: number;
  /** Largest request line plus headers (Node's maxHeaderSize). */
  maxHeaderBytes: number;
  /** Time a client has to send its request line and headers (slow clients get a 408). */
  headersTimeoutMs: number;
  /** Time a client has to send its whole request, body included. */
  requestTimeoutMs: number;
  /** Deepest nesting of arrays and objects in a JSON body. */
  maxJsonDepth: number;
  /** Most values (array items and object members, counted over the whole body) in a JSON body. */
  maxJsonElements: number;
  /** Most bytes a zip of result files may unpack to, all files together (default: maxUploadBytes). */
  maxUnzippedBytes: number;
  /** Most times larger than its packed size a file in a zip may unpack to (a zip bomb's ratio is 1000s). */
  maxUnzipRatio: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxBodyBytes: 10 * 1024 * 1024,
  maxUploadBytes: 100 * 1024 * 1024,
  maxHeaderBytes: 16 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  maxJsonDepth: 64,
  maxJsonElements: 200_000,
  maxUnzippedBytes: 100 * 1024 * 1024,
  maxUnzipRatio: 200,
});

export const DEFAULT_MAX_BODY_BYTES = DEFAULT_LIMITS.maxBodyBytes;
export const DEFAULT_MAX_UPLOAD_BYTES = DEFAULT_LIMITS.maxUploadBytes;

export interface LimitOptions {
  maxBodyBytes?: number;
  maxUploadBytes?: number;
  limits?: Partial<Limits>;
}

/** The limits of these options: each a positive number given, else its default. */
export function limitsOf(options: LimitOptions): Limits {
  const given: Partial<Limits> = { ...options.limits };
  if (options.maxBodyBytes !== undefined) given.maxBodyBytes = options.maxBodyBytes;
  if (options.maxUploadBytes !== undefined) given.maxUploadBytes = options.maxUploadBytes;
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(out) as (keyof Limits)[]) {
    const v = given[key];
    if (typeof v === 'number' && v > 0) out[key] = v;
  }
  // An archive unpacks to no more than an upload may send, unless told otherwise.
  if (!(typeof given.maxUnzippedBytes === 'number' && given.maxUnzippedBytes > 0)) out.maxUnzippedBytes = out.maxUploadBytes;
  return out;
}

/** What a body may weigh before anything knows its operation: the larger of the two body limits. */
export const edgeBodyLimit = (limits: Limits) => Math.max(limits.maxBodyBytes, limits.maxUploadBytes);

/** 10485760 -> `10 MB`, 50000 -> `48.8 KB`, 900 -> `900 bytes`. */
export function sizeText(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}

export const tooLargeMessage = (limit: number, upload: boolean) =>
  `The request body is too large: ${upload ? 'file uploads' : 'requests'} may send at most ${sizeText(limit)}.`;
