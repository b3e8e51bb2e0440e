// Fidelity floors: every documented example replayed in the state it assumes (its own sandbox, the provider
// states the Pact export derives), the whole answer compared (status, Location, Content-Type, body; errors
// too). `npm run conformance` lists what differs, per class. The floors are what the fake reaches now: every
// status, every error answer, and the body share below; a change that answers the documentation worse fails.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatSummary, replayExamples, summarise } from '../../src/conformance/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Share of documented bodies (error answers included) answered alike; see the report for the rest. */
const BODY_FLOOR = 0.978;

describe('documented examples replayed, each in its own state', async () => {
  const report = await replayExamples(root);
  const summary = summarise(report);
  const { outcomes } = report;
  const where = (list: typeof outcomes) => list.map((o) => `${o.method} ${o.url} (${o.source}): ${JSON.stringify(o.differences.slice(0, 3))}`);

  it('replays every example of docs-spec/, each with at least one provider state', () => {
    expect(outcomes.length).toBe(514);
    expect(report.skipped).toBe(0);
    for (const o of outcomes) expect(o.states.length, o.source).toBeGreaterThan(0);
  });

  it('answers every documented status', () => {
    expect(where(outcomes.filter((o) => o.status !== o.expectedStatus))).toEqual([]);
  });

  it('answers every documented error with its status and a Message naming what the documented one names', () => {
    const errors = outcomes.filter((o) => o.expectedStatus >= 400);
    expect(errors.length).toBeGreaterThan(90);
    expect(where(errors.filter((o) => o.differences.length))).toEqual([]);
  });

  it(`answers at least ${BODY_FLOOR * 100}% of the documented bodies alike`, () => {
    expect(summary.bodies.of).toBeGreaterThan(450);
    expect(summary.bodies.ok / summary.bodies.of, formatSummary(summary)).toBeGreaterThanOrEqual(BODY_FLOOR);
  });

  it('never answers 500', () => {
    expect(outcomes.filter((o) => o.status >= 500).map((o) => `${o.method} ${o.url}`)).toEqual([]);
  });

  it('numbers siblings apart, as ET does, in every answer', () => {
    expect(where(outcomes.filter((o) => o.differences.some((d) => d.class === 'ordering')))).toEqual([]);
  });

  it('reports per class, with counts over the examples that document each', () => {
    const byClass = Object.fromEntries(summary.classes.map((c) => [c.class, c]));
    for (const c of ['statuses', 'errors', 'location', 'content-type', 'links', 'envelopes', 'expands', 'fields', 'inheritance', 'ordering', 'values']) {
      expect(byClass[c]?.of, c).toBeGreaterThan(0);
      expect(byClass[c]!.ok).toBeLessThanOrEqual(byClass[c]!.of);
    }
    expect(byClass.statuses!.of).toBe(outcomes.length);
    const text = formatSummary(summary);
    expect(text).toMatch(/statuses as documented\s+514 of 514\s+100\.0%/);
    expect(text).toContain('per class');
  });
});
