// Where script runs and their step results live, read from the spec (with ET's names as the fallback).
import type { Engine } from '../engine/engine.ts';
import type { OperationSpec } from '../spec/operations.ts';

export interface RunModel {
  assignment: string;
  script: string;
  run: string;
  /** The step result entity and its foreign key to the run. */
  steps: { entity: string; foreignKey: string; expand: string };
  /** The run's foreign key to its assignment. */
  runAssignmentKey: string;
}

export function runModel(engine: Engine, op?: OperationSpec): RunModel {
  const run = op?.entity && engine.catalog.get(op.entity) ? op.entity : 'ScriptRun';
  const runDef = engine.catalog.get(run);
  const stepsExpand = runDef?.expands.find((e) => e.kind === 'many');
  const assignment = op?.parent?.entity ?? 'ScriptAssignment';
  const assignmentDef = engine.catalog.get(assignment);
  const script = assignmentDef?.references.ScriptId ?? 'Script';
  return {
    assignment,
    script,
    run,
    steps:
      stepsExpand && stepsExpand.kind === 'many'
        ? { entity: stepsExpand.entity, foreignKey: stepsExpand.foreignKey, expand: stepsExpand.name }
        : { entity: 'StepResult', foreignKey: 'RunId', expand: 'StepResults' },
    runAssignmentKey: op?.parent?.foreignKey ?? 'AssignmentId',
  };
}

/** ET's step outcomes; a run's Status follows from them (a started run is In Progress until they decide it). */
export const OUTCOMES = ['NotRun', 'Passed', 'Failed', 'Blocked', 'NotApplicable', 'Skipped'];

export function deriveRunStatus(outcomes: string[]): string {
  if (outcomes.includes('Failed')) return 'Failed';
  if (outcomes.includes('Blocked')) return 'Blocked';
  if (outcomes.length && outcomes.every((o) => o !== 'NotRun')) return 'Passed';
  return 'In Progress';
}
