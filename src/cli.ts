// The et-fake command: `build`, `serve` (default) and `coverage`.
import { parseArgs } from 'node:util';

const [command = 'serve', ...rest] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case 'build': {
      const { values } = parseArgs({ args: rest, options: { lenient: { type: 'boolean' }, root: { type: 'string' } } });
      const { runBuildCommand } = await import('./build/command.ts');
      return runBuildCommand({ lenient: values.lenient ?? false, root: values.root ?? process.cwd() });
    }
    case 'serve': {
      const { runServeCommand } = await import('./server/command.ts');
      return runServeCommand(rest);
    }
    case 'coverage': {
      const { runCoverageCommand } = await import('./build/coverage.ts');
      return runCoverageCommand(rest);
    }
    default:
      process.stderr.write(`et-fake: unknown command '${command}'. Commands: serve, build, coverage\n`);
      return 2;
  }
}

main().then(
  (code) => { if (code !== 0) process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`et-fake: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
