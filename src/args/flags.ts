// Flags of one command: parsed from argv with errors a person can act on (the flag named, the nearest valid
// one suggested), and the help text, both from the same table, so the help cannot drift from what is parsed.

export interface Flag {
  name: string;
  short?: string;
  /** What the value is called in the help (`N`, `FILE`); absent for a switch. */
  value?: string;
  /** The value may be left out (`--log` or `--log json`): these are the words it takes; the first is the default. */
  choices?: string[];
  /** Shown as "(default ...)". */
  default?: string;
  /** The command cannot run without it: leaving it out is a usage error naming it. */
  required?: boolean;
  help: string;
}

/** The one word a command takes besides its flags (`pact publish DIR`). */
export interface Operand {
  /** As the usage and help show it, and the key of its value in FlagValues. */
  name: string;
  help: string;
}

export interface CommandSpec {
  name: string;
  /** One line for the list of commands. */
  summary: string;
  /** Usage lines after `et-fake` (the first is the main one). */
  usage: string[];
  /** A paragraph or two under the usage. */
  description: string;
  flags: Flag[];
  operand?: Operand;
}

export type FlagValues = Record<string, string | boolean | undefined>;

export class UsageError extends Error {}

const HELP_FLAG: Flag = { name: 'help', short: 'h', help: 'this help' };

/** Edit distance (insertions, deletions, substitutions, swaps of neighbours): how far a typo is from a name. */
export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

/** The closest of `names` to `word`, when it is close enough to be a typo (or `word` is its start). */
export function nearest(word: string, names: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = name.startsWith(word) && word.length >= 2 ? 0.5 : distance(word, name);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

const flagsOf = (spec: CommandSpec) => [...spec.flags, HELP_FLAG];

/** Parses `args` against the command's flags; throws UsageError with a one-line message. */
export function parseFlags(spec: CommandSpec, args: string[]): FlagValues {
  const flags = flagsOf(spec);
  const values: FlagValues = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const long = arg.startsWith('--');
    if (!long && !(arg.startsWith('-') && arg.length > 1)) {
      const operand = spec.operand;
      if (!operand) throw new UsageError(`unexpected argument '${arg}' (${spec.name} takes only flags)`);
      if (values[operand.name] !== undefined) throw new UsageError(`unexpected argument '${arg}' (${spec.name} takes one ${operand.name})`);
      values[operand.name] = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const written = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const flag = long ? flags.find((f) => f.name === written.slice(2)) : flags.find((f) => f.short === written.slice(1));
    if (!flag) {
      const guess = nearest(written.replace(/^-+/, ''), flags.map((f) => f.name));
      throw new UsageError(`unknown flag ${written}${guess ? ` (did you mean --${guess}?)` : ''}`);
    }
    const shown = `--${flag.name}`;
    if (flag.choices) {
      const next = args[i + 1];
      // The word after the flag is its value unless it is another flag: `--log json`, `--log --port 0`.
      const value = inline ?? (next !== undefined && !next.startsWith('-') ? (i++, next) : flag.choices[0]!);
      if (!flag.choices.includes(value)) throw new UsageError(`${shown} takes ${flag.choices.join(' or ')}, not '${value}'`);
      values[flag.name] = value;
    } else if (flag.value) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`${shown} needs a value (${shown} ${flag.value})`);
      values[flag.name] = value;
    } else {
      if (inline !== undefined) throw new UsageError(`${shown} takes no value`);
      values[flag.name] = true;
    }
  }
  if (values.help) return values;
  if (spec.operand && values[spec.operand.name] === undefined) throw new UsageError(`name the ${spec.operand.name} (${spec.operand.help})`);
  const missing = spec.flags.find((f) => f.required && values[f.name] === undefined);
  if (missing) throw new UsageError(`--${missing.name}${missing.value ? ` ${missing.value}` : ''} is needed`);
  return values;
}

const WIDTH = 100;
const COLUMN = 28;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** One line of a help table: the name in the left column, its text wrapped in the right one. */
function row(left: string, text: string): string {
  const body = wrap(text, WIDTH - COLUMN);
  const first = left.length < COLUMN - 1 ? `${left.padEnd(COLUMN)}${body[0] ?? ''}` : `${left}\n${' '.repeat(COLUMN)}${body[0] ?? ''}`;
  return [first, ...body.slice(1).map((l) => ' '.repeat(COLUMN) + l)].join('\n');
}

function flagLine(f: Flag): string {
  const value = f.choices ? ` [${f.choices.join('|')}]` : f.value ? ` ${f.value}` : '';
  return row(`  ${f.short ? `-${f.short}, ` : ''}--${f.name}${value}`, `${f.help}${f.required ? ' (required)' : ''}${f.default ? ` (default ${f.default})` : ''}`);
}

export function usageLines(spec: CommandSpec): string {
  return spec.usage.map((u, i) => `${i === 0 ? 'usage: ' : '       '}et-fake ${u}`).join('\n');
}

/** The complete help of one command. */
export function helpText(spec: CommandSpec): string {
  const description = spec.description.split('\n\n').map((p) => wrap(p, WIDTH).join('\n')).join('\n\n');
  const operand = spec.operand ? `arguments:\n${row(`  ${spec.operand.name}`, spec.operand.help)}\n\n` : '';
  return `${usageLines(spec)}\n\n${description}\n\n${operand}options:\n${flagsOf(spec).map(flagLine).join('\n')}\n`;
}

/** The one-line error, then the usage and where the help is: what a wrong flag prints (exit 2). */
export function usageError(spec: CommandSpec, message: string): string {
  return `et-fake ${spec.name}: ${message}\n${usageLines(spec)}\n(et-fake ${spec.name} --help lists every option)\n`;
}
