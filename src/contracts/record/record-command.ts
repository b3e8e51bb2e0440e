// `et-fake serve --record-pact FILE [--consumer NAME]`: serve as usual with the recorder plug-in, and on exit
// write every API call of the session to FILE as a Pact V4 file.
import { fileURLToPath } from 'node:url';
import { runServeCommand } from '../../server/command.ts';
import { DEFAULT_PLUGINS } from '../../server/options.ts';
import { DEFAULT_PROVIDER, writePactFile } from '../pact-file.ts';
import { recordingOf } from './recorder.ts';

const RECORDER = fileURLToPath(new URL('./recorder.ts', import.meta.url));

export async function runRecordingServe(args: string[]): Promise<number> {
  const rest: string[] = [];
  let file: string | undefined;
  let consumer = 'et-client';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (name === '--record-pact' || name === '--consumer') {
      const value = inline ?? args[++i];
      if (!value || value.startsWith('--')) {
        process.stderr.write(`et-fake serve: ${name} needs a value\n`);
        return 2;
      }
      if (name === '--record-pact') file = value;
      else consumer = value;
    } else rest.push(a);
  }
  const target = file!;
  return runServeCommand(rest, {
    plugins: [...DEFAULT_PLUGINS, RECORDER],
    beforeClose: async (fake) => {
      const recording = recordingOf(fake.engine);
      const interactions = recording?.interactions ?? [];
      if (!interactions.length) {
        process.stderr.write(`et-fake serve: no API calls were made, so no pact was written to ${target}\n`);
        return;
      }
      await writePactFile({ consumer, provider: DEFAULT_PROVIDER }, interactions, target);
      process.stderr.write(`et-fake serve: wrote ${interactions.length} interactions to ${target}\n`);
    },
  });
}
