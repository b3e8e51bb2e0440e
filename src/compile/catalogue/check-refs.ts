// Every `$ref` must name a schema the spec has: a dangling one is a catalogue mistake, reported where it was written.
import type { OpenAPIObject } from 'openapi3-ts/oas31';
import { BuildError, type ModelDoc, type ResourceDoc } from '../model.ts';

function refsIn(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.add(v.replace('#/components/schemas/', ''));
      else refsIn(v, out);
    }
  }
  return out;
}

export function checkRefs(openapi: OpenAPIObject, models: ModelDoc[], resources: ResourceDoc[]): void {
  const schemas = openapi.components?.schemas ?? {};
  for (const model of models) {
    const missing = [...refsIn(schemas[model.name], new Set())].filter((r) => !(r in schemas));
    if (missing.length > 0) throw new BuildError(model.source, `model ${model.name} refers to unknown model(s) ${missing.join(', ')}`);
  }
  for (const r of resources) {
    for (const op of r.operations) {
      const named = [op.requestModel, ...op.statuses.map((s) => s.model)].filter((m): m is string => !!m);
      for (const m of named) {
        const inner = /^list\[(.+)\]$/.exec(m)?.[1] ?? m;
        if (!(inner in schemas)) throw new BuildError(op.source, `${op.method} ${r.path} names unknown model ${inner}`);
      }
    }
  }
  const all = [...refsIn(openapi.paths, new Set())].filter((r) => !(r in schemas));
  if (all.length > 0) throw new BuildError({ file: 'resources', line: 1 }, `the spec refers to unknown model(s) ${all.join(', ')}`);
}
