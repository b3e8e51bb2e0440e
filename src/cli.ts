// The et-fake command: `build`, `serve` (default), `coverage` and `pact` (export, verify, publish).
import { parseArgs } from 'node:util';

const USAGE = `usage: et-fake [serve] [options]   serve the fake (the default command; et-fake serve --help lists its options)
       et-fake build [--lenient] [--root DIR]   docs-spec/ -> generated/
       et-fake coverage [--root DIR]            the operations of ET 6.1 that generated/openapi.json documents
       et-fake serve --record-pact FILE [--consumer NAME] [serve options]   write the session's calls as a pact on exit
       et-fake pact export [--out DIR] [--consumer NAME] [--provider NAME] [--root DIR]   the documented examples as a Pact V4 file
       et-fake pact verify --pact FILE|DIR|URL [--provider-base-url URL --user U --password P]   Pact's Verifier (the fake without a URL)
       et-fake pact publish DIR --broker-base-url URL [--broker-token T | --broker-username U --broker-password P] --consumer-app-version V [--branch B]
`;

const PACT_USAGE = USAGE.split('\n').filter((l) => l.includes('et-fake pact')).join('\n');

// bin.js has already put `serve` before options given without a command (`et-fake --port 9000`).
const [command = 'serve', ...rest] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case 'build': {
      const { values } = parseArgs({ args: rest, options: { lenient: { type: 'boolean' }, root: { type: 'string' } } });
      const { runBuildCommand } = await import('./compile/command.ts');
      return runBuildCommand({ lenient: values.lenient ?? false, root: values.root ?? process.cwd() });
    }
    case 'serve': {
      if (rest.some((a) => a === '--record-pact' || a.startsWith('--record-pact='))) {
        const { runRecordingServe } = await import('./contracts/record/record-command.ts');
        return runRecordingServe(rest);
      }
      const { runServeCommand } = await import('./server/command.ts');
      return runServeCommand(rest);
    }
    case 'pact':
      return pact(rest);
    case 'coverage': {
      const { runCoverageCommand } = await import('./compile/coverage/coverage.ts');
      return runCoverageCommand(rest);
    }
    default:
      process.stderr.write(`et-fake: unknown command '${command}'.\n${USAGE}`);
      return 2;
  }
}

/** `et-fake pact export|verify|publish`: flags here, the work in src/contracts/. */
async function pact(args: string[]): Promise<number> {
  const [sub, ...more] = args;
  const options = {
    export: { out: { type: 'string' }, consumer: { type: 'string' }, provider: { type: 'string' }, root: { type: 'string' } },
    verify: { pact: { type: 'string' }, 'provider-base-url': { type: 'string' }, user: { type: 'string' }, password: { type: 'string' } },
    publish: {
      'broker-base-url': { type: 'string' },
      'broker-token': { type: 'string' },
      'broker-username': { type: 'string' },
      'broker-password': { type: 'string' },
      'consumer-app-version': { type: 'string' },
      branch: { type: 'string' },
    },
  } as const;
  if (sub !== 'export' && sub !== 'verify' && sub !== 'publish') {
    process.stderr.write(`et-fake pact: ${sub ? `unknown command '${sub}'` : 'name a command'}.\n${PACT_USAGE}\n`);
    return 2;
  }
  let parsed: { values: Record<string, string | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: more, options: options[sub], allowPositionals: sub === 'publish' }) as typeof parsed;
  } catch (err) {
    process.stderr.write(`et-fake pact ${sub}: ${(err as Error).message}\n${PACT_USAGE}\n`);
    return 2;
  }
  const v = parsed.values;
  const contracts = await import('./contracts/command.ts');
  const missing = (what: string) => {
    process.stderr.write(`et-fake pact ${sub}: ${what}\n${PACT_USAGE}\n`);
    return 2;
  };
  if (sub === 'export') return contracts.runPactExport({ root: v.root ?? process.cwd(), out: v.out, consumer: v.consumer, provider: v.provider });
  if (sub === 'verify') {
    if (!v.pact) return missing('--pact FILE|DIR|URL is needed');
    return contracts.runPactVerify({ pact: v.pact, providerBaseUrl: v['provider-base-url'], user: v.user, password: v.password });
  }
  const [dir, ...extra] = parsed.positionals;
  if (!dir || extra.length) return missing('name one directory of pact files');
  if (!v['broker-base-url']) return missing('--broker-base-url is needed');
  if (!v['consumer-app-version']) return missing('--consumer-app-version is needed');
  return contracts.runPactPublish({
    dir,
    brokerBaseUrl: v['broker-base-url'],
    brokerToken: v['broker-token'],
    brokerUsername: v['broker-username'],
    brokerPassword: v['broker-password'],
    consumerAppVersion: v['consumer-app-version'],
    branch: v.branch,
  });
}

main().then(
  (code) => { if (code !== 0) process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`et-fake: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
