// Fidelity floor: every documented example replayed against a fresh copy of the default data (npm run
// conformance lists the ones that differ). The floor sits just under tonight's numbers, so a change that
// makes the fake answer its own documentation worse fails here.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayExamples } from '../../src/conformance/replay.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('documented examples replayed', async () => {
  const report = await replayExamples(root);
  const { outcomes } = report;

  it('replays every example of docs-spec/', () => {
    expect(outcomes.length).toBeGreaterThan(450);
    expect(report.skipped).toBe(0);
  });

  it('answers the documented status for at least 98% of them', () => {
    const ok = outcomes.filter((o) => o.status === o.expectedStatus).length;
    expect(ok / outcomes.length).toBeGreaterThanOrEqual(0.98);
  });

  it('answers successful reads with exactly the documented body for at least 92% of them', () => {
    const bodies = outcomes.filter((o) => o.bodyMatches !== undefined);
    expect(bodies.length).toBeGreaterThan(200);
    expect(bodies.filter((o) => o.bodyMatches).length / bodies.length).toBeGreaterThanOrEqual(0.92);
  });

  it('never answers 500', () => {
    expect(outcomes.filter((o) => o.status >= 500).map((o) => `${o.method} ${o.url}`)).toEqual([]);
  });
});
