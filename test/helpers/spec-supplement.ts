// The generated spec now documents every operation the tests need, so the test-only supplement is gone; this
// name is kept for tests that imported the demo id from here. Prefer ./test-fake.ts.
export { NIGHTLY_ASSIGNMENT } from './test-fake.ts';
