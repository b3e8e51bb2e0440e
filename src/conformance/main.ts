// `npm run conformance [-- --json]`: replays every documented example and prints the per-class report
// (or, with --json, the summary and every difference as JSON).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { replayExamples } from './replay.ts';
import { formatSummary, summarise } from './report.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const summary = summarise(await replayExamples(root));
process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`);
