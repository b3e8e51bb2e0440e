// The command line explains itself: `et-fake --help` lists every command in a line, each command's --help is
// complete (every flag it parses), a wrong or misspelt flag or command is one line naming it and the nearest
// right one, then the usage (exit 2), and README's CLI reference is exactly what the help prints.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS, helpText, nearest, overviewText, PACT_PUBLISH, parseFlags, SERVE, UsageError } from '../src/args/index.ts';
import { helpSections, readmeReference, renderReference } from '../src/args/readme.ts';

const BIN = fileURLToPath(new URL('../src/bin.js', import.meta.url));
const README = fileURLToPath(new URL('../README.md', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ET_FAKE_NO_BUNDLE: '1' } });

describe('et-fake help', () => {
  it('lists every command with one line, and each command has its full help', () => {
    const top = run('--help');
    expect(top.status).toBe(0);
    expect(top.stdout).toBe(overviewText());
    for (const c of COMMANDS) expect(top.stdout).toMatch(new RegExp(`^  ${c.name} +\\S.*$`, 'm'));
    for (const c of COMMANDS) {
      const words = c.name.split(' ');
      for (const args of [[...words, '--help'], [...words, '-h'], ['help', ...words]]) {
        const out = run(...args);
        expect(out.status, args.join(' ')).toBe(0);
        expect(out.stdout).toBe(helpText(c));
      }
      for (const f of c.flags) expect(helpText(c)).toContain(`--${f.name}`);
    }
  });

  it('keeps README\'s CLI reference the same as what the commands print', () => {
    const printed = helpSections().map((s) => ({ command: s.command, text: run(...s.command.split(' ').slice(1)).stdout }));
    expect(printed.map((s) => s.text)).toEqual(helpSections().map((s) => s.text));
    const inReadme = readmeReference(readFileSync(README, 'utf8'));
    expect(inReadme, 'README.md has no CLI reference: run npm run docs:cli').toBeDefined();
    expect(inReadme, 'README.md\'s CLI reference is stale: run npm run docs:cli').toBe(renderReference(printed));
  });
});

describe('wrong flags and commands', () => {
  it.each([
    [['serve', '--prot', '80'], 'et-fake serve: unknown flag --prot (did you mean --port?)'],
    [['--prot', '80'], 'et-fake serve: unknown flag --prot (did you mean --port?)'],
    [['serve', '--no-auht'], 'et-fake serve: unknown flag --no-auht (did you mean --no-auth?)'],
    [['serve', '--base'], 'et-fake serve: unknown flag --base (did you mean --base-path?)'],
    [['serve', '--frobnicate'], 'et-fake serve: unknown flag --frobnicate'],
    [['serve', '--port'], 'et-fake serve: --port needs a value (--port N)'],
    [['serve', '--strict=yes'], 'et-fake serve: --strict takes no value'],
    [['serve', '--log', 'xml'], "et-fake serve: --log takes text or json, not 'xml'"],
    [['serve', 'now'], "et-fake serve: unexpected argument 'now' (serve takes only flags)"],
    [['serve', '--port', 'eighty'], "et-fake serve: --port must be a number from 0 to 65535, not 'eighty'"],
    [['build', '--lenent'], 'et-fake build: unknown flag --lenent (did you mean --lenient?)'],
    [['coverage', '--rot', '.'], 'et-fake coverage: unknown flag --rot (did you mean --root?)'],
    [['buidl'], "et-fake: unknown command 'buidl' (did you mean build?)"],
    [['serve', '--consumer', 'me'], 'et-fake serve: --consumer names the consumer of a recorded pact: give --record-pact FILE too'],
    [['pact', 'verfy'], "et-fake pact: unknown command 'verfy' (did you mean verify?)"],
    [['pact', 'verify', '--pakt', 'x.json'], 'et-fake pact verify: unknown flag --pakt (did you mean --pact?)'],
    [['pact', 'verify'], 'et-fake pact verify: --pact FILE|DIR|URL is needed'],
    [['pact', 'export', 'pacts/'], "et-fake pact export: unexpected argument 'pacts/' (pact export takes only flags)"],
    [['pact', 'publish', '--broker-base-url', 'http://b', '--consumer-app-version', '1'], 'et-fake pact publish: name the DIR (the folder of pact files to publish)'],
    [['pact', 'publish', 'a', 'b'], "et-fake pact publish: unexpected argument 'b' (pact publish takes one DIR)"],
    [['pact', 'publish', 'pacts/', '--consumer-app-version', '1'], 'et-fake pact publish: --broker-base-url URL is needed'],
  ])('%j: one line naming it, the usage, exit 2', (args, line) => {
    const out = run(...args);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    const [first, second] = out.stderr.split('\n');
    expect(first).toBe(line);
    expect(second).toMatch(/^usage: et-fake /);
  });
});

describe('the flag parser', () => {
  it('reads values inline or after the flag, switches, and --log with or without a word', () => {
    expect(parseFlags(SERVE, ['--port=0', '--host', '::1', '--strict', '--log'])).toEqual({ port: '0', host: '::1', strict: true, log: 'text' });
    expect(parseFlags(SERVE, ['--log', 'json', '--port', '0'])).toEqual({ log: 'json', port: '0' });
    expect(parseFlags(SERVE, ['--log', '--port', '0'])).toEqual({ log: 'text', port: '0' });
    expect(parseFlags(SERVE, ['--log=json'])).toEqual({ log: 'json' });
    expect(parseFlags(SERVE, ['-h'])).toEqual({ help: true });
    expect(() => parseFlags(SERVE, ['-x'])).toThrow(UsageError);
  });

  it('takes a command\'s one operand, and --help even when a required flag is missing', () => {
    expect(parseFlags(PACT_PUBLISH, ['pacts/', '--broker-base-url', 'http://b', '--consumer-app-version=1'])).toEqual({ DIR: 'pacts/', 'broker-base-url': 'http://b', 'consumer-app-version': '1' });
    expect(parseFlags(PACT_PUBLISH, ['--help'])).toEqual({ help: true });
    expect(() => parseFlags(PACT_PUBLISH, ['pacts/', '--broker-base-url', 'http://b'])).toThrow('--consumer-app-version V is needed');
  });

  it('suggests only names close to the typo', () => {
    expect(nearest('prot', ['port', 'host'])).toBe('port');
    expect(nearest('journal', ['journal-limit', 'port'])).toBe('journal-limit');
    expect(nearest('zzzzzz', ['port', 'host'])).toBeUndefined();
  });
});
