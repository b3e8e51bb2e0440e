// `et-fake serve` as its own process (the real CLI), for tests that kill it: start, wait for the ready line,
// stop with a signal, wait for the exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../src/bin.js', import.meta.url));

export interface ServerProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  child: ChildProcess;
  /** What the process wrote to stderr so far. */
  stderr(): string;
  /** Sends the signal and resolves with the exit code (null when killed) once the process is gone. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

export function startServer(args: string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
        child.stdout!.resume();
        resolve({
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
