// Loaded into a server process by tests that measure its memory (node --expose-gc --import this): on SIGUSR2 it
// collects garbage until the heap settles, then prints the resident set size, so a measure is not the
// momentary height of V8's sawtooth.
process.on('SIGUSR2', () => {
  for (let i = 0; i < 3; i++) globalThis.gc();
  process.stdout.write(`et-fake-test rss ${process.memoryUsage.rss()}\n`);
});
