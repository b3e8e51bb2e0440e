// `et-fake serve --record-pact FILE [--consumer NAME]`: what serve adds to record a pact: the recorder
// plug-in, and on exit every API call of the session written to FILE as a Pact V4 file.
import { fileURLToPath } from 'node:url';
import type { ServeExtras } from '../../server/command.ts';
import { DEFAULT_PLUGINS } from '../../server/options.ts';
import { DEFAULT_PROVIDER, writePactFile } from '../pact-file.ts';
import { recordingOf } from './recorder.ts';

const RECORDER = fileURLToPath(new URL('./recorder.ts', import.meta.url));

export function recordingExtras(target: string, consumer: string): ServeExtras {
  return {
    plugins: [...DEFAULT_PLUGINS, RECORDER],
    beforeClose: async (fake) => {
      const interactions = recordingOf(fake.engine)?.interactions ?? [];
      if (!interactions.length) {
        process.stderr.write(`et-fake serve: no API calls were made, so no pact was written to ${target}\n`);
        return;
      }
      await writePactFile({ consumer, provider: DEFAULT_PROVIDER }, interactions, target);
      process.stderr.write(`et-fake serve: wrote ${interactions.length} interactions to ${target}\n`);
    },
  };
}
