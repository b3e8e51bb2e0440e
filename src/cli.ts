// The et-fake command: `serve` (default), `build`, `coverage`, `pact` (export, verify, publish) and `help`. Flags and help come from
// src/args/ (one table per command), so every command has complete help and a wrong flag a one-line error.
import { COMMANDS, BUILD, COVERAGE, helpText, nearest, overviewText, parseFlags, usageError, UsageError, type CommandSpec, type FlagValues } from './args/index.ts';
import { parseArgs } from 'node:util';

const PACT_USAGE_LINES = `usage: et-fake pact export [--out DIR] [--consumer NAME] [--provider NAME] [--root DIR]   the documented examples as a Pact V4 file
       et-fake pact verify --pact FILE|DIR|URL [--provider-base-url URL --user U --password P]   Pact's Verifier (the fake without a URL)
       et-fake pact publish DIR --broker-base-url URL [--broker-token T | --broker-username U --broker-password P] --consumer-app-version V [--branch B]
`;


const PACT_USAGE = PACT_USAGE_LINES.trimEnd();

// bin.js has already put `serve` before options given without a command (`et-fake --port 9000`).
const [command = 'serve', ...rest] = process.argv.slice(2);

/** Parses the command's flags: --help prints its help (0), a wrong flag its one-line error and usage (2). */
async function withFlags(spec: CommandSpec, args: string[], run: (values: FlagValues) => Promise<number>): Promise<number> {
  let values: FlagValues;
  try {
    values = parseFlags(spec, args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(usageError(spec, err.message));
    return 2;
  }
  if (values.help) {
    process.stdout.write(helpText(spec));
    return 0;
  }
  return run(values);
}

function help(topic: string | undefined): number {
  if (topic === undefined) {
    process.stdout.write(overviewText());
    return 0;
  }
  const spec = COMMANDS.find((c) => c.name === topic);
  if (spec) {
    process.stdout.write(helpText(spec));
    return 0;
  }
  return unknownCommand(topic);
}

function unknownCommand(name: string): number {
  const guess = nearest(name, [...COMMANDS.map((c) => c.name), 'help']);
  process.stderr.write(`et-fake: unknown command '${name}'${guess ? ` (did you mean ${guess}?)` : ''}\n${overviewText()}`);
  return 2;
}

async function main(): Promise<number> {
  switch (command) {
    case '--help':
    case '-h':
    case 'help':
      return help(rest[0]);
    case 'build':
      return withFlags(BUILD, rest, async (values) => {
        const { runBuildCommand } = await import('./compile/command.ts');
        return runBuildCommand({ lenient: values.lenient === true, root: (values.root as string | undefined) ?? process.cwd() });
      });
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
    case 'coverage':
      return withFlags(COVERAGE, rest, async () => {
        const { runCoverageCommand } = await import('./compile/coverage/coverage.ts');
        return runCoverageCommand(rest);
      });
    default:
      return unknownCommand(command);
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
