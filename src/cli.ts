// The et-fake command: `serve` (default), `build`, `coverage` and `help`. Flags and help come from
// src/args/ (one table per command), so every command has complete help and a wrong flag a one-line error.
import { COMMANDS, BUILD, COVERAGE, helpText, nearest, overviewText, parseFlags, usageError, UsageError, type CommandSpec, type FlagValues } from './args/index.ts';

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
      const { runServeCommand } = await import('./server/command.ts');
      return runServeCommand(rest);
    }
    case 'coverage':
      return withFlags(COVERAGE, rest, async () => {
        const { runCoverageCommand } = await import('./compile/coverage/coverage.ts');
        return runCoverageCommand(rest);
      });
    default:
      return unknownCommand(command);
  }
}

main().then(
  (code) => { if (code !== 0) process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`et-fake: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
