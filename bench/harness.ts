// What the out-of-process benches share: starting a server pinned to a core and timing it to its first 200.
import { spawn, type ChildProcess } from 'node:child_process';

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface Started {
  child: ChildProcess;
  /** Spawn to the first 200 of `probe`, in ms. */
  ms: number;
  stderr: string[];
}

/**
 * Spawns `node ...argv` on `core` and polls `origin + probe` every 2 ms until it answers 200. Throws when the
 * process exits first or nothing answers within `timeoutMs`; the caller stops the process.
 */
export async function startPinned(o: { argv: string[]; core: string; cwd: string; origin: string; probe: string; headers?: Record<string, string>; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Started> {
  const stderr: string[] = [];
  const t0 = performance.now();
  const child = spawn('taskset', ['-c', o.core, process.execPath, ...o.argv], { cwd: o.cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_ENV: 'production', ...o.env } });
  child.stderr!.on('data', (d) => stderr.push(String(d)));
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`${o.argv.join(' ')} exited before answering: ${stderr.join('')}`);
    try {
      const res = await fetch(o.origin + o.probe, { headers: o.headers });
      await res.arrayBuffer();
      if (res.status === 200) return { child, ms: performance.now() - t0, stderr };
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > o.timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${o.argv.join(' ')} did not answer within ${o.timeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Kills a started server and waits until it is gone. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}
