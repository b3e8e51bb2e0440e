// The et-fake command: `build`, `serve` (default) and `coverage`.
import { parseArgs } from 'node:util';

const USAGE = `usage: et-fake [serve] [options]   serve the fake (the default command; et-fake serve --help lists its options)
       et-fake build [--lenient] [--root DIR]   docs-spec/ -> generated/
       et-fake coverage [--root DIR]            the operations of ET 6.1 that generated/openapi.json documents
`;

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
      const { runServeCommand } = await import('./server/command.ts');
      return runServeCommand(rest);
    }
    case 'coverage': {
      const { runCoverageCommand } = await import('./compile/coverage/coverage.ts');
      return runCoverageCommand(rest);
    }
    default:
      process.stderr.write(`et-fake: unknown command '${command}'.\n${USAGE}`);
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
