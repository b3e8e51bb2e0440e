// The request limits and the checks at the edge: the defaults README documents are the ones in force, a URL is
// refused exactly when its percent-encoding is not UTF-8, and a file name that is kept names a file and nothing
// else (properties over generated names and bytes).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileNameProblem } from '../../../src/server/http/file-names.ts';
import { DEFAULT_LIMITS, limitsOf, sizeText } from '../../../src/server/http/limits.ts';
import { readsAsUtf8 } from '../../../src/server/http/node-server.ts';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const STRICT = new TextDecoder('utf-8', { fatal: true });
const isUtf8 = (bytes: Uint8Array) => {
  try {
    STRICT.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe('limits', () => {
  it('README lists every limit with the default in force', () => {
    const table = README.slice(README.indexOf('| limit | default | refusal |'));
    for (const [name, value] of Object.entries(DEFAULT_LIMITS)) {
      const row = table.split('\n').find((l) => l.startsWith(`| \`${name}\``));
      expect(row, name).toBeDefined();
      const shown = name.endsWith('Ms') ? `${value / 1000} s` : name.endsWith('Bytes') ? sizeText(value) : value.toLocaleString('en-US');
      if (name !== 'maxUnzippedBytes') expect(row, name).toContain(`| ${shown} |`);
    }
  });

  it('takes each positive number given, keeps the default for anything else, and unzips no more than an upload by default', () => {
    expect(limitsOf({})).toEqual({ ...DEFAULT_LIMITS, maxUnzippedBytes: DEFAULT_LIMITS.maxUploadBytes });
    const l = limitsOf({ maxUploadBytes: 4096, limits: { headersTimeoutMs: 500, maxJsonDepth: 0, maxUnzipRatio: -1 } });
    expect(l).toMatchObject({ maxUploadBytes: 4096, maxUnzippedBytes: 4096, headersTimeoutMs: 500, maxJsonDepth: DEFAULT_LIMITS.maxJsonDepth, maxUnzipRatio: DEFAULT_LIMITS.maxUnzipRatio });
    expect(limitsOf({ maxBodyBytes: 10, limits: { maxBodyBytes: 20, maxUnzippedBytes: 99 } })).toMatchObject({ maxBodyBytes: 10, maxUnzippedBytes: 99 });
  });
});

describe('readsAsUtf8', () => {
  it('accepts every text percent-encoded as UTF-8, in the path and the query', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => readsAsUtf8(`/api/customfield/${encodeURIComponent(a)}?tql=${encodeURIComponent(b)}`)),
      { numRuns: 2_000 },
    );
  });

  it('refuses percent-encoded bytes exactly when they are not UTF-8; a lone % is left alone', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        const encoded = [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
        expect(readsAsUtf8(`/api/search?tql=${encoded}`)).toBe(isUtf8(bytes));
      }),
      { numRuns: 2_000 },
    );
    expect(readsAsUtf8('/api/search?tql=Name%20~%20%22100%%22')).toBe(true);
    expect(readsAsUtf8('/api/project/%zz')).toBe(true);
    // Raw bytes Node hands over as latin1.
    expect(readsAsUtf8(Buffer.from('/api/x/é', 'utf8').toString('latin1'))).toBe(true);
    expect(readsAsUtf8(Buffer.from([0x2f, 0xff, 0xfe]).toString('latin1'))).toBe(false);
  });
});

describe('fileNameProblem', () => {
  const names = fc.oneof(
    fc.string(),
    fc.array(fc.constantFrom('..', '.', 'a', 'b.txt', '', ' ', 'C:', '\u0000', 'é'), { maxLength: 5 }).chain((parts) => fc.constantFrom('/', '\\').map((sep) => parts.join(sep))),
  );

  it('keeps a plain name only when it names a file and nothing more', () => {
    fc.assert(
      fc.property(names, (name) => {
        if (fileNameProblem(name, { folders: false })) return;
        expect(name).not.toMatch(/[\\/\x00-\x1f\x7f]/);
        expect(name.trim()).not.toBe('');
        expect(/^\.+$/.test(name)).toBe(false);
      }),
      { numRuns: 3_000 },
    );
  });

  it('keeps a name with folders only when it stays inside them', () => {
    fc.assert(
      fc.property(names, (name) => {
        if (fileNameProblem(name, { folders: true })) return;
        const parts = name.split(/[\\/]/);
        expect(parts).not.toContain('..');
        expect(name).not.toMatch(/^[\\/]|^[a-z]:/i);
      }),
      { numRuns: 3_000 },
    );
    expect(fileNameProblem('results/junit.xml', { folders: true })).toBeUndefined();
    expect(fileNameProblem('results/junit.xml', { folders: false })).toMatch(/is a path/);
    expect(fileNameProblem('report..final.xml', { folders: false })).toBeUndefined();
  });
});
