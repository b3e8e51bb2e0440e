// `et-fake serve` as its own process (the real CLI), for tests that kill it: start, wait for the ready line,
// stop with a signal, wait for the exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../src/bin.js', import.meta.url));
const GC_PROBE = fileURLToPath(new URL('./gc-probe.mjs', import.meta.url));

export interface ServerProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  child: ChildProcess;
  /** What the process wrote to stderr so far. */
  stderr(): string;
  /** Sends the signal and resolves with the exit code (null when killed) once the process is gone. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
  /** With `measured`: collects garbage in the server, then resolves with its resident set size in bytes. */
  rssAfterGc(): Promise<number>;
}

/** `measured`: load gc-probe.mjs into the server, for rssAfterGc(). */
export function startServer(args: string[], { measured = false } = {}): Promise<ServerProcess> {
  const node = measured ? ['--expose-gc', '--import', GC_PROBE] : [];
  const child = spawn(process.execPath, [...node, BIN, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /et-fake listening on (http:\/\/[^/\s]+)\/api\//.exec(out);
      if (ready) {
        child.stdout!.removeAllListeners('data');
        let rest = '';
        const waiting: ((rss: number) => void)[] = [];
        child.stdout!.on('data', (more: Buffer) => {
          rest += more.toString();
          for (let m; (m = /et-fake-test rss (\d+)\n/.exec(rest)); rest = rest.slice(m.index + m[0].length)) waiting.shift()?.(Number(m[1]));
          if (rest.length > 4096) rest = rest.slice(-4096);
        });
        resolve({
          rssAfterGc: () =>
            new Promise<number>((done) => {
              waiting.push(done);
              child.kill('SIGUSR2');
            }),
          url: ready[1]!,
          child,
          stderr: () => err,
          stop: (signal) => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`et-fake serve exited (${code}) before it was ready:\n${err}`)));
  });
}
