// Size and paging limits. Bodies: 10 MB for ordinary requests, 100 MB for file uploads (multipart or raw
// bytes). $top/$take: 0 to 1000 (a larger page is refused, not capped, so Top always echoes what was asked).
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
export const MAX_TOP = 1000;

export interface Limits {
  maxBodyBytes: number;
  maxUploadBytes: number;
}

/** Limits from the options, when they give any (a positive number of bytes). */
export function limitsOf(options: { maxBodyBytes?: number; maxUploadBytes?: number }): Limits {
  const pick = (v: number | undefined, fallback: number) => (typeof v === 'number' && v > 0 ? v : fallback);
  return {
    maxBodyBytes: pick(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES),
    maxUploadBytes: pick(options.maxUploadBytes, DEFAULT_MAX_UPLOAD_BYTES),
  };
}

/** 10485760 -> `10 MB`, 50000 -> `48.8 KB`, 900 -> `900 bytes`. */
export function sizeText(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}

export const tooLargeMessage = (limit: number, upload: boolean) =>
  `The request body is too large: ${upload ? 'file uploads' : 'requests'} may send at most ${sizeText(limit)}.`;
