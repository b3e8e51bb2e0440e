// Runs the et-fake command as a user would (a child process), without blocking this process's event loop,
// so stand-in servers in the test keep answering.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function etFake(args: string[], env: Record<string, string> = {}, timeout = 180_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [`${ROOT}src/bin.js`, ...args], { cwd: ROOT, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1', ...env } }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The interactions a verify report names as failing (its ✗ lines). */
export const failedInteractions = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('✗ ')).map((l) => l.slice(2));
