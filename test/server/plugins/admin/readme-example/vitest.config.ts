import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./global-setup.ts'],
    // Your test files; here *.example.ts, so that this project's own test run leaves them alone.
    include: ['*.example.ts'],
  },
});
