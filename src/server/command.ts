// `et-fake serve`: start the fake, print one line when ready, flush and exit 0 on SIGINT/SIGTERM. Flags and
// help come from src/args/ (SERVE); a wrong flag or value is one line naming it, then the usage (exit 2).
import { helpText, parseFlags, SERVE, usageError, UsageError, type FlagValues } from '../args/index.ts';
import { checkPassword, DEFAULT_USER } from './accounts/credentials.ts';
import { formatLogLine, type RequestLogEntry } from './request-log.ts';
import { startFake, type RunningFake } from './start.ts';

/** What a tool built on serve adds (the pact recorder): plug-ins, and work before the fake closes. */
export interface ServeExtras {
  plugins?: string[];
  beforeClose?(fake: RunningFake): Promise<void>;
}

const refuse = (message: string) => {
  process.stderr.write(usageError(SERVE, message));
  return 2;
};

/** Serves with the flags in `args`; `extrasFor` adds what a tool built on serve needs for those flags. */
export async function runServeCommand(args: string[], extrasFor?: (values: FlagValues) => Promise<ServeExtras>): Promise<number> {
  let values: FlagValues;
  try {
    values = parseFlags(SERVE, args);
  } catch (err) {
    if (err instanceof UsageError) return refuse(err.message);
    throw err;
  }
  if (values.help) {
    process.stdout.write(helpText(SERVE));
    return 0;
  }
  if (values.consumer !== undefined && values['record-pact'] === undefined) return refuse('--consumer names the consumer of a recorded pact: give --record-pact FILE too');
  const extras = (await extrasFor?.(values)) ?? {};
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return refuse(`--port must be a number from 0 to 65535, not '${String(values.port)}'`);
  const counts: Record<string, number | undefined> = {};
  // Name -> the least value that makes sense (a size limit of 0 bytes would refuse every body).
  const least: Record<string, number> = { 'sandbox-idle-ms': 0, 'journal-limit': 0, 'max-body-bytes': 1, 'max-upload-bytes': 1, 'headers-timeout-ms': 1, 'request-timeout-ms': 1 };
  for (const [name, min] of Object.entries(least)) {
    if (values[name] === undefined) continue;
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) return refuse(`--${name} must be a whole number, ${min} or more, not '${String(values[name])}'`);
    counts[name] = n;
  }
  let fake;
  try {
    fake = await startFake({
      sandboxIdleMs: counts['sandbox-idle-ms'],
      journalLimit: counts['journal-limit'],
      maxBodyBytes: counts['max-body-bytes'],
      maxUploadBytes: counts['max-upload-bytes'],
      limits: { headersTimeoutMs: counts['headers-timeout-ms'], requestTimeoutMs: counts['request-timeout-ms'] },
      port,
      host: (values.host as string | undefined) ?? '127.0.0.1',
      basePath: values['base-path'] as string | undefined,
      dataFile: values.data as string | undefined,
      fixtures: values.fixtures as string | undefined,
      strict: values.strict === true,
      auth: values['no-auth'] !== true,
      onRequest: values.log === undefined ? undefined : logger(values.log === 'json'),
      plugins: extras.plugins,
    });
  } catch (err) {
    process.stderr.write(`et-fake serve: cannot start: ${(err as Error).message}\n`);
    return 1;
  }
  const running = fake;
  // Signal handlers go in before the ready line: a supervisor may stop the fake the moment it reads it.
  const stopped = new Promise<number>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      Promise.resolve()
        .then(() => extras.beforeClose?.(running))
        .then(() => running.close())
        .then(
        () => resolve(0),
        (err: unknown) => {
          process.stderr.write(`et-fake serve: error while closing: ${(err as Error).message}\n`);
          resolve(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  // One line, the readiness signal: with the URL and the credentials that work (custom data may lack them).
  const { userName, password } = DEFAULT_USER;
  const login = !running.options.auth
    ? 'no credentials needed'
    : checkPassword(running.store, userName, password)
      ? `user ${userName}, password ${password}`
      : `the data has no user ${userName} with password ${password}: use its own users or --no-auth`;
  process.stdout.write(`et-fake listening on ${running.url}/api/ (${login})\n`);
  return stopped;
}

/** --log: one line per request on stdout, after the ready line. */
function logger(json: boolean): (e: RequestLogEntry) => void {
  return (e) => process.stdout.write(`${json ? JSON.stringify(e) : formatLogLine(e)}\n`);
}
