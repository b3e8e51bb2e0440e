// The et-fake command: `serve` (default), `build`, `coverage`, `pact` (export, verify, publish) and `help`. Flags and help come from
// src/args/ (one table per command), so every command has complete help and a wrong flag a one-line error.
import { COMMANDS, BUILD, COVERAGE, helpText, nearest, overviewText, parseFlags, PACT_EXPORT, PACT_PUBLISH, PACT_VERIFY, usageError, UsageError, type CommandSpec, type FlagValues } from './args/index.ts';

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

const PACT_COMMANDS = [PACT_EXPORT, PACT_VERIFY, PACT_PUBLISH];

/** `et-fake pact` on its own: its three commands, one line each. */
const pactOverview = () => `usage: et-fake pact <export|verify|publish> [options]\n\n${PACT_COMMANDS.map((c) => `  ${c.name.padEnd(16)}${c.summary}`).join('\n')}\n\n(et-fake pact <command> --help shows one in full)\n`;

function help(words: string[]): number {
  const topic = words.join(' ');
  if (!topic) {
    process.stdout.write(overviewText());
    return 0;
  }
  if (topic === 'pact') {
    process.stdout.write(pactOverview());
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
  const guess = nearest(name, [...COMMANDS.map((c) => c.name.split(' ')[0]!), 'help']);
  process.stderr.write(`et-fake: unknown command '${name}'${guess ? ` (did you mean ${guess}?)` : ''}\n${overviewText()}`);
  return 2;
}

async function main(): Promise<number> {
  switch (command) {
    case '--help':
    case '-h':
    case 'help':
      return help(rest);
    case 'build':
      return withFlags(BUILD, rest, async (values) => {
        const { runBuildCommand } = await import('./compile/command.ts');
        return runBuildCommand({ lenient: values.lenient === true, root: (values.root as string | undefined) ?? process.cwd() });
      });
    case 'serve': {
      const { runServeCommand } = await import('./server/command.ts');
      return runServeCommand(rest, async (values) => {
        const file = values['record-pact'] as string | undefined;
        if (file === undefined) return {};
        const { recordingExtras } = await import('./contracts/record/index.ts');
        return recordingExtras(file, (values.consumer as string | undefined) ?? 'et-client');
      });
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

/** `et-fake pact export|verify|publish`: flags from src/args/, the work in src/contracts/. */
async function pact(args: string[]): Promise<number> {
  const [sub, ...more] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    (sub ? process.stdout : process.stderr).write(pactOverview());
    return sub ? 0 : 2;
  }
  const spec = PACT_COMMANDS.find((c) => c.name === `pact ${sub}`);
  if (!spec) {
    const guess = nearest(sub, PACT_COMMANDS.map((c) => c.name.slice(5)));
    process.stderr.write(`et-fake pact: unknown command '${sub}'${guess ? ` (did you mean ${guess}?)` : ''}\n${pactOverview()}`);
    return 2;
  }
  return withFlags(spec, more, async (v) => {
    const text = (name: string) => v[name] as string | undefined;
    const contracts = await import('./contracts/command.ts');
    if (spec === PACT_EXPORT) return contracts.runPactExport({ root: text('root') ?? process.cwd(), out: text('out'), consumer: text('consumer'), provider: text('provider') });
    if (spec === PACT_VERIFY) return contracts.runPactVerify({ pact: text('pact')!, providerBaseUrl: text('provider-base-url'), user: text('user'), password: text('password') });
    return contracts.runPactPublish({
      dir: text('DIR')!,
      brokerBaseUrl: text('broker-base-url')!,
      brokerToken: text('broker-token'),
      brokerUsername: text('broker-username'),
      brokerPassword: text('broker-password'),
      consumerAppVersion: text('consumer-app-version')!,
      branch: text('branch'),
    });
  });
}

main().then(
  (code) => { if (code !== 0) process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`et-fake: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
