// The README's consumer workflow, end to end: a client team's PactV4 consumer test (its own vitest run,
// Pact's mock server), then `et-fake pact verify` of the pact it wrote against the fake.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { etFake, ROOT } from './cli.ts';

const example = fileURLToPath(new URL('./consumer-example/', import.meta.url));

describe('a client team\'s consumer pact', () => {
  it('is in README.md word for word', () => {
    expect(readFileSync(`${ROOT}README.md`, 'utf8')).toContain(readFileSync(`${example}et-client.pact.ts`, 'utf8').trim());
  });

  it('comes from its consumer test and verifies against the fake', async () => {
    const pacts = mkdtempSync(path.join(os.tmpdir(), 'et-fake-consumer-'));
    rmSync(pacts, { recursive: true, force: true }); // Pact merges into an old file: start without one
    const consumer = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(process.execPath, [`${ROOT}node_modules/vitest/vitest.mjs`, 'run', '--config', 'vitest.config.ts'], { cwd: example, encoding: 'utf8', env: { ...process.env, PACT_DIR: pacts, NO_COLOR: '1', CI: 'true' }, timeout: 120_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? 1 : 0, out: stdout + stderr }),
      );
    });
    expect(consumer.code, consumer.out).toBe(0);
    expect(consumer.out).toMatch(/Tests\s+3 passed/);
    expect(readdirSync(pacts)).toEqual(['release-dashboard-EnterpriseTester.json']);
    const run = await etFake(['pact', 'verify', '--pact', pacts]);
    expect(run.code, run.stdout.slice(-3000)).toBe(0);
    expect(run.stdout).toMatch(/3 interactions verified: all passed/);
  }, 180_000);
});
