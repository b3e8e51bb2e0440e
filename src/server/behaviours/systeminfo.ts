// GET /api/systeminfo: the stored system information (or ET 6.1's defaults), with RootUrl from the request.
import type { EtCall } from '../call.ts';
import { json } from '../http.ts';

const DEFAULTS = {
  Version: '6.1.0.0',
  PackagePathSeparator: '|',
  TimeZoneId: 'UTC',
  UtcOffset: '00:00:00',
  Modules: {},
};

export const systemInfo = () => (call: EtCall) => {
  const stored = call.engine.store.collection('SystemInfo').values().next().value as Record<string, unknown> | undefined;
  const { Id: _id, ...fields } = stored ?? { Id: '' };
  return json({
    ...DEFAULTS,
    ...fields,
    RootUrl: `${call.base}/`,
    StaticContentRootUrl: `${call.base}/content/`,
  });
};
