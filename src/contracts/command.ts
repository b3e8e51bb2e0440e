// The `et-fake pact ...` commands once cli.ts has parsed their flags: each prints what it did (or one line
// of error) and returns the exit code.
import { exportDocumentedPact } from './export.ts';
import { PactInputError } from './provider/pacts.ts';
import { publishPacts, type PublishOptions } from './publish.ts';
import { formatReport } from './provider/report.ts';
import { verifyPacts, type VerifyOptions } from './provider/verify.ts';

const out = (text: string) => process.stdout.write(text);
const fail = (command: string, err: unknown): number => {
  const known = err instanceof PactInputError || (err instanceof Error && err.name === 'PublishError');
  process.stderr.write(`et-fake pact ${command}: ${known ? (err as Error).message : `unexpected error: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`}\n`);
  return 1;
};

export async function runPactExport(o: { root: string; out?: string; consumer?: string; provider?: string }): Promise<number> {
  try {
    const r = await exportDocumentedPact(o);
    out(`wrote ${r.file}: ${r.interactions} interactions from the documented examples${r.skipped ? ` (${r.skipped} without every path parameter left out)` : ''}\n`);
    return 0;
  } catch (err) {
    return fail('export', err);
  }
}

export async function runPactVerify(o: VerifyOptions): Promise<number> {
  try {
    const r = await verifyPacts(o);
    if (r.notice) process.stderr.write(`et-fake pact verify: ${r.notice}\n`);
    out(formatReport(r.failures, r.interactions));
    return r.ok ? 0 : 1;
  } catch (err) {
    return fail('verify', err);
  }
}

export async function runPactPublish(o: PublishOptions): Promise<number> {
  try {
    await publishPacts(o);
    return 0;
  } catch (err) {
    return fail('publish', err);
  }
}
