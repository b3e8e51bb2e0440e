// Stage pages: what the fake shows a person in a browser: the interactive API reference of the spec it runs
// from (/docs) and the sandbox explorer (/__admin/ui), every asset served by the fake itself.
import type { Hono } from 'hono';
import type { ServerEnv } from '../engine/call.ts';
import type { OperationSpec, OpenApiDoc } from '../spec/operations.ts';
import { installDocs } from './docs-page.ts';
import { installExplorer } from './explorer-page.ts';
import type { PageOptions } from './html.ts';

export { installDocs } from './docs-page.ts';
export { installExplorer, collectionsOf } from './explorer-page.ts';
export { referenceSpec } from './docs-spec.ts';
export type { PageOptions } from './html.ts';

export function installPages(app: Hono<ServerEnv>, doc: OpenApiDoc, ops: OperationSpec[], basePath: string, o: PageOptions = {}): void {
  installDocs(app, doc, ops, basePath, o);
  installExplorer(app, ops, basePath, o);
}
