// Compiles the Peggy grammars of src/query into ES modules with type declarations
// under generated/parsers. Runs at build time only: the runtime imports the output.
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Each grammar and the start rules the runtime may call. */
export const GRAMMARS = [
  { name: 'tql', startRules: ['Query'] },
  { name: 'odata', startRules: ['Filter', 'OrderBy'] },
] as const;

/** Where a grammar lives, relative to the repository root: src/query/<name>/<name>.peggy. */
export const grammarFile = (name: string): string => path.join('src', 'query', name, `${name}.peggy`);

/** Compile every grammar below `root` (the repository root) into `root/generated/parsers`. */
export async function compileGrammars(root: string): Promise<void> {
  const outDir = path.join(root, 'generated', 'parsers');
  await mkdir(outDir, { recursive: true });
  // The CLI is the only peggy entry point that writes the .d.ts (--dts).
  const peggyCli = createRequire(import.meta.url).resolve('peggy/bin/peggy.js');
  for (const grammar of GRAMMARS) {
    // Relative paths keep the output free of machine-specific absolute paths.
    await run(
      process.execPath,
      [
        peggyCli,
        '--format', 'es',
        '--dts',
        '--allowed-start-rules', grammar.startRules.join(','),
        '-o', path.join('generated', 'parsers', `${grammar.name}.js`),
        grammarFile(grammar.name),
      ],
      { cwd: root },
    );
  }
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  compileGrammars(root).then(
    () => console.log('compiled grammars into generated/parsers'),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
