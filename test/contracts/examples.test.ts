// The documented examples as requests: a file an example does not show but states the size of
// (`<binary PNG data: N bytes>`) is sent as that many bytes, and the fake answers the documented Size.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFromDocs } from '../../src/compile/index.ts';
import { documentedExamples, requestInit, urlOf, withUnshownBytes } from '../../src/contracts/examples.ts';
import { makeTestFake } from '../helpers/test-fake.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('documented requests', () => {
  it('sends a file the example states only the size of as that many bytes', () => {
    expect(withUnshownBytes('a\r\n<binary PNG data: 5 bytes>\r\nb')).toBe('a\r\n.....\r\nb');
    // An excerpt keeps what it shows and is followed by the bytes it leaves out.
    expect(withUnshownBytes('[INFO] start<the rest of the file: 3 bytes>\r\n--b')).toBe('[INFO] start...\r\n--b');
    // Text the example shows is sent as shown.
    expect(withUnshownBytes('<binary PNG data>')).toBe('<binary PNG data>');
  });

  it('replays the documented uploads it shows only in part (screenshots, excerpts of logs) with a file of the size their answers give', async () => {
    const docs = await buildFromDocs(path.join(root, 'docs-spec'));
    const uploads = documentedExamples(docs).examples.filter((e) => typeof e.ex.requestBody === 'string' && /<(binary [^>]*data|the rest of the file): \d+ bytes>/.test(e.ex.requestBody));
    expect(uploads.length).toBeGreaterThanOrEqual(5);
    const fake = await makeTestFake({ auth: false });
    for (const e of uploads) {
      const init = requestInit(e);
      const res = await fake.request(e.op.method, urlOf(e), { raw: init.body as string, headers: init.headers as Record<string, string> });
      expect(res.status, e.ex.title).toBe(e.ex.status);
      const documented = (e.ex.responseBody as { Size: number }[])[0]!.Size;
      expect(res.body[0].Size, e.ex.title).toBe(documented);
    }
  });
});
