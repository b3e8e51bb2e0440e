// The side-by-side benches' large data set: script packages at the root of one project, with ids that the
// varying rows can compute (`00000000-0000-4000-8000-{hex12}`). One definition for every bench that uses it.
import type { Rec } from '../../src/store/index.ts';

export const BENCH_PROJECT = '944aa658-8067-42cf-a6a6-ce71535a73bc';

export function benchPackages(n: number): Rec[] {
  const out: Rec[] = [];
  for (let i = 0; i < n; i++) out.push({ Id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, Name: `Bench package ${i}`, ProjectId: BENCH_PROJECT, OrderNumber: i + 10 });
  return out;
}
