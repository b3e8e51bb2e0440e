// The README's "Using it from a test suite" example is these files, run here as the separate vitest project a
// user would have (globalSetup starting the fake once, a sandbox per test), so the README cannot rot.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('./readme-example/', import.meta.url));
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const FILES = ['vitest.config.ts', 'global-setup.ts', 'script-packages.example.ts'];

describe('the README example', () => {
  it('is in README.md word for word', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    for (const file of FILES) expect(readme, file).toContain(readFileSync(dir + file, 'utf8').trim());
  });

  it('passes when run as its own vitest project', () => {
    const run = spawnSync(process.execPath, [`${root}node_modules/vitest/vitest.mjs`, 'run', '--config', 'vitest.config.ts'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', NO_COLOR: '1' },
      timeout: 120_000,
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Tests\s+2 passed/);
  });
});
