// README's CLI reference, made from the help itself: `npm run docs:cli` rewrites the part of README.md
// between the markers; test/cli.test.ts checks it against what `et-fake ... --help` prints.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMANDS, overviewText } from './commands.ts';
import { helpText } from './flags.ts';

export const START = '<!-- cli-reference: made by `npm run docs:cli` from the commands\' --help; do not edit by hand -->';
export const END = '<!-- /cli-reference -->';

export interface HelpSection {
  /** The command line that prints it, e.g. `et-fake serve --help`. */
  command: string;
  text: string;
}

/** Each command line and the help it prints (the overview first). */
export function helpSections(): HelpSection[] {
  return [{ command: 'et-fake --help', text: overviewText() }, ...COMMANDS.map((c) => ({ command: `et-fake ${c.name} --help`, text: helpText(c) }))];
}

export function renderReference(sections: HelpSection[]): string {
  return [START, ...sections.map((s) => `\`${s.command}\`\n\n\`\`\`text\n${s.text.trimEnd()}\n\`\`\`\n`), END].join('\n');
}

/** The reference as README.md has it now (undefined without the markers). */
export function readmeReference(readme: string): string | undefined {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  return from < 0 || to < from ? undefined : readme.slice(from, to + END.length);
}

export function writeReadmeReference(file: string): boolean {
  const readme = readFileSync(file, 'utf8');
  const now = readmeReference(readme);
  if (now === undefined) throw new Error(`${file} has no CLI reference markers (${START} ... ${END})`);
  const next = renderReference(helpSections());
  if (now === next) return false;
  writeFileSync(file, readme.replace(now, next));
  return true;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'README.md');
  process.stdout.write(writeReadmeReference(file) ? 'README.md: CLI reference rewritten\n' : 'README.md: CLI reference already up to date\n');
}
