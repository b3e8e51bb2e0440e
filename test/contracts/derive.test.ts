// The state a documented example assumes, derived from the example itself: here, the record an update's
// answer shows, as it was before the save (the start data may hold it as it is after).
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFromDocs } from '../../src/compile/index.ts';
import { statesFor } from '../../src/contracts/derive.ts';
import { documentedExamples } from '../../src/contracts/examples.ts';
import { SHOWN_STATE } from '../../src/contracts/provider/states.ts';
import { createApp } from '../../src/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('provider states derived from the examples', () => {
  it('puts an updated record one version below the one its answer shows', async () => {
    const docs = await buildFromDocs(path.join(root, 'docs-spec'));
    const fake = await createApp({ auth: true });
    const { examples } = documentedExamples(docs);
    const shown = (e: (typeof examples)[number]) => docs.exampleRecords(e.resource, e.op, e.ex);
    const updates = examples.filter((e) => e.op.method === 'PUT' && e.ex.status < 300 && typeof (e.ex.responseBody as { VersionNumber?: unknown } | undefined)?.VersionNumber === 'number');
    const checked: string[] = [];
    for (const e of updates) {
      const answer = e.ex.responseBody as { Id: string; VersionNumber: number };
      const before = statesFor(e, fake.store, examples, shown).find((s) => s.name === SHOWN_STATE)?.params?.merge;
      const rec = Object.values(before ?? {}).flat().find((r) => r.Id.toLowerCase() === answer.Id.toLowerCase());
      // Only a plain update has its state before derived (an action's answer shows its consequences).
      if (!rec) continue;
      expect(rec.VersionNumber, e.ex.title).toBe(answer.VersionNumber - 1);
      checked.push(e.ex.title);
    }
    expect(checked).toContain('Reassign an incident and move it to In Progress');
    await fake.close();
  });

  it("gives a script the steps a new run's step results show (a run's step results copy its script's steps)", async () => {
    const docs = await buildFromDocs(path.join(root, 'docs-spec'));
    const fake = await createApp({ auth: true });
    const { examples } = documentedExamples(docs);
    const starts = examples.filter((e) => e.op.method === 'POST' && e.ex.status === 201 && Array.isArray((e.ex.responseBody as { StepResults?: unknown })?.StepResults));
    expect(starts.length).toBeGreaterThan(0);
    for (const e of starts) {
      const answer = e.ex.responseBody as { ScriptId: string; StepResults: { Description: string; Data: unknown }[] };
      const merge = statesFor(e, fake.store, examples).find((s) => s.name === SHOWN_STATE && s.params?.merge?.Script)?.params?.merge;
      const script = merge?.Script?.find((r) => r.Id === answer.ScriptId);
      expect(script, e.ex.title).toBeDefined();
      const steps = script!.Steps as { Description: string; Data: unknown; OrderNumber: number }[];
      expect(steps.map((s) => [s.Description, s.Data])).toEqual(answer.StepResults.map((r) => [r.Description, r.Data]));
      expect(steps.map((s) => s.OrderNumber)).toEqual(steps.map((_, i) => i));
    }
    await fake.close();
  });
});
