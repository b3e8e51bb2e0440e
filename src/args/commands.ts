// The et-fake commands and every flag they take: the one table that the parsers, `--help` and README's CLI
// reference are made from.
import type { CommandSpec } from './flags.ts';

export const SERVE: CommandSpec = {
  name: 'serve',
  summary: 'serve the fake ET API, its reference (/docs) and the sandbox explorer (the default)',
  usage: ['serve [options]', '[options]            (options without a command are serve\'s)'],
  description:
    'Starts the fake and prints one line when it takes requests: its URL and the credentials that work. Ctrl-C or SIGTERM saves pending writes and exits 0. ' +
    'The API is under /api/, the interactive reference at /docs, the spec at /openapi.json, the admin API and the sandbox explorer under /__admin/.\n\n' +
    'Quiet by default: --log prints one line per request.',
  flags: [
    { name: 'port', value: 'N', default: '8080', help: 'port to listen on; 0 picks a free one' },
    { name: 'host', value: 'H', default: '127.0.0.1', help: 'address to listen on' },
    { name: 'base-path', value: 'P', help: 'also serve everything under this prefix, e.g. /EnterpriseTester (/EnterpriseTester/api/...); links follow the prefix a request used' },
    { name: 'data', value: 'FILE', help: 'keep the data in this JSON file and a change log beside it (FILE.log), both reloaded at start; a write is answered once it is in the log on disk. A file that is not valid data stops start-up (exit 1) and is left as it is (default: memory only)' },
    { name: 'fixtures', value: 'FILE', help: 'start from this data set ({"<Entity>": [records]}) instead of the default one' },
    { name: 'strict', help: 'check every response against the spec; one that breaks it becomes a 500 naming the violation' },
    { name: 'no-auth', help: 'accept requests without credentials; every call acts as the Administrator' },
    { name: 'log', choices: ['text', 'json'], help: 'print each request: one compact line (method, path, sandbox, status, ms), or with json one JSON object per line' },
    { name: 'sandbox-idle-ms', value: 'MS', default: '1800000, 30 minutes', help: 'drop a sandbox unused this long' },
    { name: 'journal-limit', value: 'N', default: '1000', help: 'calls the request journal keeps per sandbox and for the fake\'s own state; 0 turns it off' },
    { name: 'max-body-bytes', value: 'N', default: '10485760, 10 MB', help: 'larger request bodies are refused with 413 and a Message' },
    { name: 'max-upload-bytes', value: 'N', default: '104857600, 100 MB', help: 'the same for file uploads (attachments, result files)' },
    { name: 'headers-timeout-ms', value: 'MS', default: '10000', help: 'a client that takes longer to send its headers gets a 408 and the connection closes (slow clients cannot hold connections)' },
    { name: 'request-timeout-ms', value: 'MS', default: '60000', help: 'the same for the whole request, body included' },
    { name: 'record-pact', value: 'FILE', help: 'record every API call of the session and write it to FILE as a Pact V4 file on exit, a client team\'s consumer contract' },
    { name: 'consumer', value: 'NAME', default: 'et-client', help: 'the consumer named in the --record-pact file' },
  ],
};

export const BUILD: CommandSpec = {
  name: 'build',
  summary: 'docs-spec/ -> generated/: the OpenAPI spec, the fixtures and the query parsers',
  usage: ['build [--lenient] [--root DIR]'],
  description:
    'Reads the documentation pages and the catalogue in docs-spec/ and writes generated/ (deterministic: the same input gives the same bytes), then prints the operation and fixture counts and the coverage of ET\'s resource list. ' +
    'Bad input stops the build with file:line: problem and writes nothing.',
  flags: [
    { name: 'lenient', help: 'skip a broken file or example with a warning instead of stopping' },
    { name: 'root', value: 'DIR', default: 'the working directory', help: 'the project folder holding docs-spec/ and generated/' },
  ],
};

export const COVERAGE: CommandSpec = {
  name: 'coverage',
  summary: 'which operations of ET 6.1 generated/openapi.json documents, naming every missing one',
  usage: ['coverage [--root DIR] [--spec FILE] [--operations FILE]'],
  description: 'Compares the operations of the spec with ET 6.1\'s list of operations and prints the coverage.',
  flags: [
    { name: 'root', value: 'DIR', default: 'the working directory', help: 'the folder the other paths are relative to' },
    { name: 'spec', value: 'FILE', default: 'generated/openapi.json', help: 'the spec to check' },
    { name: 'operations', value: 'FILE', default: 'docs-spec/et-operations.txt', help: 'the reference list of operations' },
  ],
};

export const PACT_EXPORT: CommandSpec = {
  name: 'pact export',
  summary: 'ET\'s documented examples as a Pact V4 file (one interaction each, with provider states)',
  usage: ['pact export [--out DIR] [--consumer NAME] [--provider NAME] [--root DIR]'],
  description:
    'Writes one interaction per documented example in docs-spec/: the request as documented; the status, Content-Type, Location and body, with matchers where a value is not fixed; and the provider state the example needs.',
  flags: [
    { name: 'out', value: 'DIR', default: 'pacts/', help: 'the folder the pact file goes into' },
    { name: 'consumer', value: 'NAME', default: 'et-docs', help: 'the consumer named in the pact' },
    { name: 'provider', value: 'NAME', default: 'EnterpriseTester', help: 'the provider named in the pact' },
    { name: 'root', value: 'DIR', default: 'the working directory', help: 'the project folder holding docs-spec/' },
  ],
};

export const PACT_VERIFY: CommandSpec = {
  name: 'pact verify',
  summary: 'check a provider against pact files with Pact\'s Verifier: the fake, a real ET or anything else',
  usage: ['pact verify --pact FILE|DIR|URL [--provider-base-url URL --user U --password P]'],
  description:
    'Without --provider-base-url it starts the fake on a free port, sets up each interaction\'s provider state in a fresh sandbox and verifies it. ' +
    'Exit 0 only when every interaction passes; otherwise a report of each mismatch (interaction, expected, actual) and exit 1.',
  flags: [
    { name: 'pact', value: 'FILE|DIR|URL', required: true, help: 'a pact file, a folder of them, or a URL serving one' },
    { name: 'provider-base-url', value: 'URL', help: 'verify this provider instead of a fake started for the run' },
    { name: 'user', value: 'U', default: 'Administrator', help: 'Basic auth user for interactions whose pact gives no credentials' },
    { name: 'password', value: 'P', default: 'password', help: 'its password' },
  ],
};

export const PACT_PUBLISH: CommandSpec = {
  name: 'pact publish',
  summary: 'publish pact files to a Pact Broker through its own client (pact-broker publish)',
  usage: ['pact publish DIR --broker-base-url URL [--broker-token T | --broker-username U --broker-password P] --consumer-app-version V [--branch B]'],
  description:
    'Runs the broker client of @pact-foundation/pact-cli (an optional dependency). Where that client cannot run, it says so and exits 1: nothing is published.',
  operand: { name: 'DIR', help: 'the folder of pact files to publish' },
  flags: [
    { name: 'broker-base-url', value: 'URL', required: true, help: 'the broker' },
    { name: 'broker-token', value: 'T', help: 'a bearer token for the broker' },
    { name: 'broker-username', value: 'U', help: 'Basic auth user for the broker' },
    { name: 'broker-password', value: 'P', help: 'its password' },
    { name: 'consumer-app-version', value: 'V', required: true, help: 'the consumer version the pacts belong to, e.g. a commit id' },
    { name: 'branch', value: 'B', help: 'the consumer\'s branch' },
  ],
};

export const COMMANDS: CommandSpec[] = [SERVE, BUILD, COVERAGE, PACT_EXPORT, PACT_VERIFY, PACT_PUBLISH];

/** `et-fake --help`: every command with one line. */
export function overviewText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 4) + 4;
  const lines = [...COMMANDS.map((c) => [c.name, c.summary]), ['help', 'this list; et-fake help <command> (or <command> --help) shows one command in full']];
  return `usage: et-fake <command> [options]

A faithful, stateful fake of the Enterprise Tester REST API.

commands:
${lines.map(([name, summary]) => `  ${name!.padEnd(width)}${summary}`).join('\n')}

Options without a command go to serve: et-fake --port 9000.
`;
}
