import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Response validation is always strict in the test suite.
    env: { ET_FAKE_STRICT: '1', PACT_DO_NOT_TRACK: 'true' },
    testTimeout: 20000,
  },
});
