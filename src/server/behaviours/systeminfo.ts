// GET /api/systeminfo: what the documentation's example says about the server (version, modules, time zone),
// overlaid by a stored SystemInfo record if the data has one, with RootUrl from the request.
import type { EtCall } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { json } from '../http/responses.ts';
import type { OperationSpec } from '../spec/operations.ts';

/** ET 6.1's facts, for a spec without an example. */
const DEFAULTS: Record<string, unknown> = {
  Version: '6.1.0.0',
  PackagePathSeparator: '|',
  TimeZoneId: 'UTC',
  UtcOffset: '00:00:00',
  Modules: {},
};

export const systemInfo = (op: OperationSpec, _engine: Engine) => {
  const documented = op.exampleBodies.get(200);
  const base = { ...DEFAULTS, ...(documented && typeof documented === 'object' ? (documented as Record<string, unknown>) : {}) };
  return (call: EtCall) => {
    const stored = call.engine.store.collection('SystemInfo').values().next().value as Record<string, unknown> | undefined;
    const { Id: _id, ...fields } = stored ?? { Id: '' };
    return json({ ...base, ...fields, RootUrl: `${call.base}/`, StaticContentRootUrl: `${call.base}/content/` });
  };
};
