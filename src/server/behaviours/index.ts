// The ET-specific handlers, by the name the spec gives in x-et-behaviour.
import type { Handler } from '../call.ts';
import type { Engine } from '../engine.ts';
import type { OperationSpec } from '../spec.ts';

export type BehaviourFactory = (op: OperationSpec, engine: Engine) => Handler;

export const behaviours: Record<string, BehaviourFactory> = {};
