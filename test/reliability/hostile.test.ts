// Hostile HTTP against `et-fake serve` as a process: slow clients, bodies that never end or are too big, too
// many headers, JSON too long or too deep, file names that climb out of their folder, bytes that are not
// UTF-8, a zip bomb as a result file. Each gets a 4xx with ET's {"Message"} (or, where HTTP leaves no room
// for an answer, a closed connection) within the server's limits, other clients are served meanwhile, and
// the data is byte for byte what it was (GET /__admin/snapshot before and after).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_AUTH } from '../helpers/fake.ts';
import { LOGIN_SCRIPT, NIGHTLY_ASSIGNMENT } from '../helpers/test-fake.ts';
import { zipOf } from '../helpers/zip.ts';

const JUNIT = '<?xml version="1.0"?><testsuite name="s" tests="1"><testcase classname="c" name="t" time="0.1"/></testsuite>';
const BIN = fileURLToPath(new URL('../../src/bin.js', import.meta.url));
/** Small limits, so each attack meets them quickly: 1 s for headers, 3 s for a request, 1 MB bodies, 4 MB uploads. */
const FLAGS = ['--port', '0', '--headers-timeout-ms', '1000', '--request-timeout-ms', '3000', '--max-body-bytes', '1048576', '--max-upload-bytes', '4194304'];

let child: ChildProcess;
let url: string;
let port: number;

/**
 * The zip bombs, made before any connection is open: packing them holds this process up for seconds, and a
 * pooled keep-alive connection the server closes meanwhile would fail a later request for no fault of the server.
 */
function makeBombs() {
  // 64 MB of one byte, packed to about 64 KB: more than an upload may unpack to (4 MB on this server).
  const hugeData = Buffer.alloc(64 * 1024 * 1024, 0x20);
  const hugePacked = deflateRawSync(hugeData, { level: 9 });
  // 3 MB packed a thousand times: within that size, but far over the ratio ordinary files pack to.
  const denseData = Buffer.alloc(3 * 1024 * 1024, 0x20);
  const densePacked = deflateRawSync(denseData, { level: 9 });
  return {
    huge: zipOf([{ name: 'results.xml', deflated: hugePacked, size: hugeData.length }]),
    dense: zipOf([{ name: 'results.xml', deflated: densePacked, size: denseData.length }]),
    // Both again with directories that claim a harmless size: inflating stops at the bound all the same.
    hugeLiar: zipOf([{ name: 'results.xml', deflated: hugePacked, size: 1_000 }]),
    denseLiar: zipOf([{ name: 'results.xml', deflated: densePacked, size: 1_000 }]),
    // Many small files that add up to more than the upload may unpack to (4 MB here: the upload limit).
    wide: zipOf(Array.from({ length: 60 }, (_, i) => ({ name: `r${i}.xml`, text: `<testsuite name="s${i}">${Array.from({ length: 2_000 }, () => `<testcase name="${randomBytes(16).toString('hex')}"/>`).join('')}</testsuite>` }))),
  };
}
let bombs: ReturnType<typeof makeBombs>;
/** What the server printed on stderr: nothing, if no attack made it stumble. */
let serverErrors = '';

beforeAll(async () => {
  bombs = makeBombs();
  child = spawn(process.execPath, [BIN, 'serve', ...FLAGS], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (d) => (serverErrors += d));
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`et-fake serve exited with ${code}: ${serverErrors}`)));
  });
  url = /listening on (http:\/\/\S+)\/api\//.exec(line)![1]!;
  port = Number(new URL(url).port);
  // The first answers compile their validators: that cost is not what the tests measure.
  for (const path of ['/api/projects', '/__admin/snapshot']) await (await api(path)).arrayBuffer();
}, 30_000);

afterAll(() => {
  child?.kill('SIGTERM');
});

const api = (path: string, init: RequestInit = {}) =>
  fetch(url + path, { ...init, headers: { Authorization: ADMIN_AUTH, ...(init.headers as Record<string, string> | undefined) } });

const snapshot = async () => (await api('/__admin/snapshot')).text();

interface RawReply {
  status?: number;
  /** The answer's parsed JSON body, when it sent one. */
  body?: { Message?: string };
  /** Every byte the server sent before it closed the connection. */
  text: string;
}

/** Opens a connection, lets `attack` write what it likes, and collects the answer until the server closes. */
function raw(attack: (socket: net.Socket) => void): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => attack(socket));
    let text = '';
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('error', () => undefined); // writing into a closed connection: the answer is what counts
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      const bodyText = text.slice(text.indexOf('\r\n\r\n') + 4);
      let body;
      try {
        body = JSON.parse(Buffer.from(bodyText, 'latin1').toString('utf8'));
      } catch {
        body = undefined;
      }
      resolve({ status: status ? Number(status) : undefined, body, text });
    });
  });
}

/** Writes `chunk` every few milliseconds while the connection stays writable. */
function keepWriting(socket: net.Socket, chunk: () => string | Buffer, everyMs = 2): void {
  const timer = setInterval(() => {
    if (socket.writable && !socket.destroyed) socket.write(chunk());
    else clearInterval(timer);
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

const head = (method: string, path: string, headers: string[] = []) =>
  `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${ADMIN_AUTH}\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`;

/**
 * Runs the attack while another client keeps asking for the project list; returns the attack's outcome and
 * how many of those calls (all of which must succeed) were answered while the attack was still going.
 */
async function whileOthersAreServed<T>(attack: () => Promise<T>): Promise<{ outcome: T; servedDuring: number }> {
  let done = false;
  let servedDuring = 0;
  const statuses: number[] = [];
  const others = (async () => {
    while (!done) {
      const res = await api('/api/projects');
      statuses.push(res.status);
      await res.arrayBuffer();
      if (!done) servedDuring++;
    }
  })();
  const outcome = await attack().finally(() => (done = true));
  await others;
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.every((s) => s === 200)).toBe(true);
  return { outcome, servedDuring };
}

/** A refusal: the status asked for and a Message saying why. */
function expectRefused(reply: RawReply | { status?: number; body?: { Message?: string } }, status: number, message?: RegExp) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(typeof reply.body?.Message).toBe('string');
  if (message) expect(reply.body!.Message).toMatch(message);
}

async function fetchReply(res: Response) {
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body };
}

describe('hostile clients', () => {
  it('slow clients (slowloris) get a 408 once their headers take too long, and hold no one else up', async () => {
    const before = await snapshot();
    const { outcome: replies, servedDuring } = await whileOthersAreServed(() =>
      Promise.all([
        // Fifty connections that trickle one header line at a time, and some that never say anything.
        ...Array.from({ length: 50 }, () =>
          raw((s) => {
            s.write('GET /api/projects HTTP/1.1\r\nHost: 127.0.0.1\r\n');
            let n = 0;
            keepWriting(s, () => `X-Slow-${n++}: a\r\n`, 100);
          }),
        ),
        ...Array.from({ length: 10 }, () => raw(() => undefined)),
      ]),
    );
    for (const reply of replies) expectRefused(reply, 408, /took too long/);
    expect(servedDuring).toBeGreaterThan(0);
    expect(await snapshot()).toBe(before);
  });

  it('a body that never ends is refused at the size limit (413), or at the request timeout when it only trickles (408)', async () => {
    const before = await snapshot();
    const { outcome, servedDuring } = await whileOthersAreServed(() =>
      Promise.all([
        raw((s) => {
          s.write(head('POST', '/api/projects', ['Content-Type: application/json', 'Transfer-Encoding: chunked']));
          const piece = 'x'.repeat(64 * 1024);
          keepWriting(s, () => `${piece.length.toString(16)}\r\n${piece}\r\n`);
        }),
        // The same against an upload, which may send more before the limit.
        raw((s) => {
          s.write(head('POST', `/api/script/${LOGIN_SCRIPT}/attachments`, ['Content-Type: multipart/form-data; boundary=b', 'Transfer-Encoding: chunked']));
          const piece = 'y'.repeat(64 * 1024);
          keepWriting(s, () => `${piece.length.toString(16)}\r\n${piece}\r\n`);
        }),
        // A declared length the body never reaches.
        raw((s) => s.write(head('POST', '/api/projects', ['Content-Type: application/json', 'Content-Length: 5000']) + '{"Name":')),
        // A trickle: a byte at a time, never finishing.
        raw((s) => {
          s.write(head('POST', '/api/projects', ['Content-Type: application/json', 'Transfer-Encoding: chunked']));
          keepWriting(s, () => '1\r\n \r\n', 200);
        }),
        // The admin API's snapshot upload is held to the largest limit too.
        raw((s) => {
          s.write(head('PUT', '/__admin/snapshot', ['Content-Type: application/json', 'Transfer-Encoding: chunked']));
          const piece = 'z'.repeat(256 * 1024);
          keepWriting(s, () => `${piece.length.toString(16)}\r\n${piece}\r\n`);
        }),
      ]),
    );
    const [ordinary, upload, short, trickle, admin] = outcome;
    expectRefused(ordinary, 413, /at most 1 MB/);
    expectRefused(upload, 413, /file uploads may send at most 4 MB/);
    expectRefused(short, 408, /took too long/);
    expectRefused(trickle, 408, /took too long/);
    expectRefused(admin, 413, /at most 4 MB/);
    expect(servedDuring).toBeGreaterThan(0);
    expect(await snapshot()).toBe(before);
  });

  it('a declared length over the limit is refused before the body is read', async () => {
    const before = await snapshot();
    const reply = await raw((s) => s.write(head('POST', '/api/projects', ['Content-Type: application/json', `Content-Length: ${50 * 1024 * 1024}`]) + '{'));
    expectRefused(reply, 413, /too large/);
    const upload = await raw((s) => s.write(head('POST', `/api/script/${LOGIN_SCRIPT}/attachments`, ['Content-Type: multipart/form-data; boundary=b', `Content-Length: ${50 * 1024 * 1024}`]) + '--b'));
    expectRefused(upload, 413, /file uploads/);
    // Over every limit, sent whole without waiting for an answer: the answer still arrives before the close.
    const pushy = await raw((s) => {
      s.write(head('PUT', '/__admin/snapshot', ['Content-Type: application/json', `Content-Length: ${50 * 1024 * 1024}`]));
      const piece = Buffer.alloc(1024 * 1024, 0x20);
      keepWriting(s, () => piece, 1);
    });
    expectRefused(pushy, 413, /at most 4 MB/);
    expect(await snapshot()).toBe(before);
  });

  it('a client still sending a refused body is read to its end, so it gets the answer and no reset', async () => {
    // 2 MB declared (over 1 MB), sent over about two seconds as a slow uplink or a busy machine would; the
    // client keeps its side open after the answer, as HTTP clients do while a body is still going out.
    const total = 2 * 1024 * 1024;
    const { text, written, failed } = await new Promise<{ text: string; written: number; failed?: string }>((resolve) => {
      let text = '';
      let written = 0;
      let failed: string | undefined;
      const s = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () => {
        s.write(head('POST', '/api/projects', ['Content-Type: application/json', `Content-Length: ${total}`]));
        const piece = Buffer.alloc(64 * 1024, 0x20);
        const timer = setInterval(() => {
          if (s.destroyed) return void clearInterval(timer);
          s.write(piece);
          written += piece.length;
          if (written >= total) {
            clearInterval(timer);
            s.end();
          }
        }, 60);
      });
      s.on('data', (d) => (text += d.toString('latin1')));
      s.on('error', (err: NodeJS.ErrnoException) => (failed = err.code ?? err.message));
      s.on('close', () => resolve({ text, written, failed }));
    });
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).Message).toMatch(/too large/);
    expect(failed).toBeUndefined();
    expect(written).toBe(total);
  });

  it('a header flood (too many or too large headers) gets a 431', async () => {
    const before = await snapshot();
    const { outcome } = await whileOthersAreServed(() =>
      Promise.all([
        raw((s) => s.write(`GET /api/projects HTTP/1.1\r\nHost: 127.0.0.1\r\n${Array.from({ length: 5_000 }, (_, i) => `X-Flood-${i}: v\r\n`).join('')}\r\n`)),
        raw((s) => s.write(`GET /api/projects HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`)),
        raw((s) => s.write(`GET /api/projects?${'q=1&'.repeat(10_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)),
        // One that keeps sending header lines, unasked, as fast as it can.
        raw((s) => {
          s.write('GET /api/projects HTTP/1.1\r\nHost: 127.0.0.1\r\n');
          let n = 0;
          keepWriting(s, () => `X-More-${n++}: ${'b'.repeat(100)}\r\n`, 1);
        }),
      ]),
    );
    for (const reply of outcome) expectRefused(reply, 431, /headers are too large/);
    expect(await snapshot()).toBe(before);
  });

  it('JSON that is too long or too deep is refused (413, 400) and nothing is written', async () => {
    const before = await snapshot();
    const post = (body: string, path = '/api/projects') => api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }).then(fetchReply);
    const { outcome } = await whileOthersAreServed(() =>
      Promise.all([
        // A million-element array, as the body and as a field (2 MB: over the limit of this server).
        post(`[${'1,'.repeat(999_999)}1]`),
        // Within the size limit: 400,000 values.
        post(`{"Name":"many","Description":[${'0,'.repeat(399_999)}0]}`),
        // Deep nesting: arrays, objects, and both in a field.
        post('['.repeat(100_000) + ']'.repeat(100_000)),
        post('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)),
        post(`{"Name":"deep","Description":${'[{"x":'.repeat(50)}1${'}]'.repeat(50)}}`),
        post('['.repeat(200) + ']'.repeat(200), '/api/search'),
      ]),
    );
    const [million, many, deepArrays, deepObjects, deepField, deepSearch] = outcome;
    expectRefused(million, 413, /too large/);
    expectRefused(many, 413, /too many values/);
    expectRefused(deepArrays, 400, /nests too deep/);
    expectRefused(deepObjects, 400, /nests too deep/);
    expectRefused(deepField, 400, /nests too deep/);
    expectRefused(deepSearch, 400, /nests too deep/);
    expect(await snapshot()).toBe(before);
  });

  it('file names that climb out of their folder are refused, for attachments and result files, zipped or not', async () => {
    const before = await snapshot();
    const attach = (name: string) => {
      const form = new FormData();
      form.append('file', new Blob(['secret'], { type: 'text/plain' }), name);
      return api(`/api/script/${LOGIN_SCRIPT}/attachments`, { method: 'POST', body: form }).then(fetchReply);
    };
    const results = (name: string, data: Buffer | string) => {
      const form = new FormData();
      form.append('file', new Blob([data], { type: 'application/octet-stream' }), name);
      return api(`/api/automatedtestassignment/${NIGHTLY_ASSIGNMENT}/runs`, { method: 'POST', body: form }).then(fetchReply);
    };
    const names = ['../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/passwd', 'C:\\boot.ini', 'a/../../b.txt', 'ok\u0000.txt', '..', 'x'.repeat(300)];
    for (const name of names) expectRefused(await attach(name), 403, /The file name/);
    for (const name of ['../results.xml', '/tmp/results.xml']) expectRefused(await results(name, JUNIT), 403, /The file name/);
    for (const name of ['../../results.xml', '/abs/results.xml', 'ok/../../../results.xml', '..\\results.xml']) {
      expectRefused(await results('results.zip', zipOf([{ name, text: JUNIT }])), 403, /The file name .* \(in the zip archive\)/);
    }
    // Traversal in the URL itself goes nowhere either.
    for (const path of ['/api/../../../etc/passwd', '/api/attachment/..%2F..%2Fetc%2Fpasswd/contents', '/api/script/%2E%2E%2F%2E%2E/attachments']) {
      const reply = await raw((s) => s.write(head('GET', path, ['Connection: close'])));
      expect([400, 404]).toContain(reply.status);
      expect(typeof reply.body?.Message).toBe('string');
    }
    expect(await snapshot()).toBe(before);
  });

  it('bytes that are not UTF-8 in the body, the path or the query are refused with 400', async () => {
    const before = await snapshot();
    const notUtf8 = Buffer.from([0x7b, 0x22, 0x4e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]); // {"Name":"\xff\xfe\xc3"}
    const body = await api('/api/projects', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: notUtf8 }).then(fetchReply);
    expectRefused(body, 400, /not valid UTF-8/);
    const form = await api('/api/search', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: Buffer.concat([Buffer.from('tql=Name%20%3D%20%22'), Buffer.from([0xff]), Buffer.from('%22')]) }).then(fetchReply);
    expectRefused(form, 400, /not valid UTF-8/);
    for (const target of ['/api/project/%FF%FE', "/api/projects?$filter=Name%20eq%20'%C3'", '/api/search?tql=Name%20~%20%22%80%22', '/api/customfield/%ED%A0%80']) {
      expectRefused(await raw((s) => s.write(head('GET', target, ['Connection: close']))), 400, /not valid UTF-8/);
    }
    // Raw bytes over 0x7F in the request line are not HTTP at all.
    const rawBytes = await raw((s) => s.write(Buffer.concat([Buffer.from('GET /api/project/'), Buffer.from([0xff, 0xfe]), Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)])));
    expectRefused(rawBytes, 400);
    // Well-formed UTF-8, percent-encoded, is fine, and so is a lone % that encodes nothing.
    expect((await api('/api/search?tql=' + encodeURIComponent('Name ~ "réçu"'))).status).toBe(200);
    expect((await api('/api/projects?$filter=' + encodeURIComponent("Name eq 'Banking'"))).status).toBe(200);
    expect(await snapshot()).toBe(before);
  });

  it('a zip bomb as a result file is refused with 403, unpacked off the event loop while others are served', async () => {
    const before = await snapshot();
    const { huge, dense, hugeLiar, denseLiar, wide } = bombs;
    const post = (data: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(data)], { type: 'application/zip' }), 'results.zip');
      return api(`/api/automatedtestassignment/${NIGHTLY_ASSIGNMENT}/runs`, { method: 'POST', body: form }).then(fetchReply);
    };
    const { outcome } = await whileOthersAreServed(() => Promise.all([huge, dense, hugeLiar, denseLiar, wide].map(post)));
    const [hugeReply, denseReply, hugeLiarReply, denseLiarReply, wideReply] = outcome;
    expectRefused(hugeReply, 403, /unpacks to more than 4 MB/);
    expectRefused(denseReply, 403, /more than 200 times its packed size, as a zip bomb does/);
    expectRefused(hugeLiarReply, 403, /unpacks to more than 4 MB/);
    expectRefused(denseLiarReply, 403, /more than 200 times its packed size, as a zip bomb does/);
    expectRefused(wideReply, 403, /unpacks to more than 4 MB/);
    expect(await snapshot()).toBe(before);
  }, 60_000);

  it('requests that are not HTTP, or that could be read two ways, get a 400 with a Message', async () => {
    const before = await snapshot();
    const replies = await Promise.all([
      raw((s) => s.write('GARBAGE\r\n\r\n')),
      raw((s) => s.write('GET /api/projects HTTP/1.1\r\nHost: [::\r\n\r\n')),
      // Request smuggling: a length and chunks at once.
      raw((s) => s.write(head('POST', '/api/projects', ['Content-Type: application/json', 'Content-Length: 4', 'Transfer-Encoding: chunked']) + '0\r\n\r\n')),
      raw((s) => s.write('GET /api/projects HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad: a\u0000b\r\n\r\n')),
      raw((s) => s.write('GET /api/projects HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n')),
    ]);
    for (const reply of replies) expectRefused(reply, 400);
    expect(await snapshot()).toBe(before);
  });

  it('after all of it the server still answers, and a well-formed request still writes', async () => {
    const res = await api('/api/projects', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ Name: 'Still standing' }) });
    expect(res.status).toBe(201);
    expect(child.exitCode).toBeNull();
    expect(serverErrors).toBe('');
  });
});

