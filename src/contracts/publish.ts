// `et-fake pact publish`: pact files to a Pact Broker through the broker's own client (`pact-broker publish`
// of @pact-foundation/pact-cli, an optional dependency). When that client cannot run here, say so and stop:
// nothing is sent by hand, so nothing can look published when it is not.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface PublishOptions {
  /** A directory of pact files (or one file). */
  dir: string;
  brokerBaseUrl: string;
  brokerToken?: string;
  brokerUsername?: string;
  brokerPassword?: string;
  consumerAppVersion: string;
  branch?: string;
}

export class PublishError extends Error {
  override name = 'PublishError';
}

/** The broker client's entry script, or a sentence why it is not there. */
export function brokerClient(): { script: string } | { missing: string } {
  // ET_FAKE_PACT_BROKER_CLIENT names another copy of the client's pact-broker.js (a custom install).
  const override = process.env.ET_FAKE_PACT_BROKER_CLIENT;
  if (override) return existsSync(override) ? { script: override } : { missing: `the Pact broker client named by ET_FAKE_PACT_BROKER_CLIENT (${override}) does not exist` };
  const require = createRequire(import.meta.url);
  let script: string;
  try {
    script = require.resolve('@pact-foundation/pact-cli/bin/pact-broker.js');
  } catch {
    return { missing: 'the Pact broker client (@pact-foundation/pact-cli, an optional dependency) is not installed: run npm install @pact-foundation/pact-cli' };
  }
  try {
    // Its native `pact` program comes in a package per platform; without one it cannot run.
    require.resolve(`@pact-foundation/pact-cli-${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}/package.json`);
  } catch {
    return { missing: `the Pact broker client has no build for ${process.platform}-${process.arch} on this machine (@pact-foundation/pact-cli-${process.platform}-${process.arch} is not installed)` };
  }
  return { script };
}

export async function publishPacts(o: PublishOptions): Promise<void> {
  if (!existsSync(o.dir)) throw new PublishError(`${o.dir}: no such file or directory; nothing was published`);
  const files = statSync(o.dir).isDirectory() ? readdirSync(o.dir).filter((f) => f.endsWith('.json')) : [o.dir];
  if (!files.length) throw new PublishError(`${o.dir} holds no pact files (*.json); nothing was published`);
  if (o.brokerToken && (o.brokerUsername || o.brokerPassword)) throw new PublishError('give either --broker-token or --broker-username and --broker-password, not both');
  const client = brokerClient();
  if ('missing' in client) throw new PublishError(`${client.missing}; nothing was published`);
  const args = [client.script, 'publish', o.dir, '--broker-base-url', o.brokerBaseUrl, '--consumer-app-version', o.consumerAppVersion];
  if (o.branch) args.push('--branch', o.branch);
  if (o.brokerToken) args.push('--broker-token', o.brokerToken);
  if (o.brokerUsername) args.push('--broker-username', o.brokerUsername);
  if (o.brokerPassword) args.push('--broker-password', o.brokerPassword);
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PACT_DO_NOT_TRACK: 'true' } });
    child.once('error', (err) => reject(new PublishError(`the Pact broker client could not start (${err.message}); nothing was published`)));
    child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  if (code !== 0) throw new PublishError(`the Pact broker client failed (exit ${code}): see its message above; the broker may not have the pacts`);
}
