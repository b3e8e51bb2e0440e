import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['*.pact.ts'],
    env: { PACT_DO_NOT_TRACK: 'true' },
  },
});
