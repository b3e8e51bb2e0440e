// Test data: operations and entities the fake's tests need that the generated spec may not document yet
// (the catalogue grows while the server is written). Each is added only when the generated spec lacks the
// path or schema, so the real documentation always wins and the tests move onto it as it lands.
import type { OpenApiDoc } from '../../src/server/spec.ts';
import type { Data } from '../../src/server/store-types.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: ['string', 'null'] };
const uuid = { type: ['string', 'null'], format: 'uuid' };
const date = { type: ['string', 'null'], format: 'date-time' };
const int = { type: ['integer', 'null'] };
const bool = { type: ['boolean', 'null'] };
const hyper = {
  Self: { type: 'string' },
  Expands: { type: 'array', items: { type: 'string' } },
  Links: { type: 'array', items: { type: 'object', required: ['Href', 'Rel'], properties: { Href: { type: 'string' }, Rel: { type: 'string' } } } },
};
const message = { description: 'Failure', content: { 'application/json': { schema: ref('ErrorMessage') } } };
const body = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const envelope = (item: string) => ({
  type: 'object',
  required: ['Items'],
  properties: { Skip: { type: 'integer' }, Top: { type: 'integer' }, Total: { type: 'integer' }, Items: { type: 'array', items: ref(item) } },
});

function entity(required: string[], properties: Record<string, unknown>, block: Record<string, unknown>) {
  return { type: 'object', required, properties: { ...properties, ...hyper }, 'x-et-entity': { links: [], expands: {}, references: {}, ...block } };
}

const SCHEMAS: Record<string, unknown> = {
  ErrorMessage: { type: 'object', required: ['Message'], properties: { Message: { type: 'string' } } },
  User: entity(['Id', 'UserName'], { Id: { type: 'string', format: 'uuid' }, UserName: { type: 'string' }, DisplayName: str, FirstName: str, LastName: str, Email: str, Phone: str, Enabled: bool, IsExternal: bool, LastLogIn: date }, {
    self: '/api/user/{Id}',
  }),
  Permission: entity(['Id', 'Key'], { Id: { type: 'string', format: 'uuid' }, Key: { type: 'string' }, Name: str, Comment: str }, { self: '/api/permission/{Id}' }),
  PermissionAssignment: {
    type: 'object',
    required: ['Id', 'Key'],
    properties: { Id: { type: 'string' }, Key: { type: 'string' }, Links: hyper.Links },
  },
  BackgroundTask: entity(['Id', 'Complete'], { Id: { type: 'string' }, Complete: { type: 'boolean' }, Error: str, TotalElements: int, ProcessedElements: int, StartedAt: date, FinishedAt: date, ProgressInPercent: { type: ['number', 'null'] }, Elapsed: str, Message: str }, {
    self: '/api/backgroundtask/{Id}',
  }),
  AutomatedTestAssignment: entity(['Id'], { Id: { type: 'string', format: 'uuid' }, Name: str, PackageId: uuid, AutomatedTestId: uuid }, {
    self: '/api/automatedtestassignment/{Id}',
    links: [{ rel: 'Runs', href: '/api/automatedtestassignment/{Id}/runs' }],
    references: { PackageId: 'ExecutionPackage' },
  }),
  AutomatedTestRun: entity(['Id', 'AssignmentId'], { Id: { type: 'string', format: 'uuid' }, AssignmentId: { type: 'string', format: 'uuid' }, RunBy: str, RunById: uuid, RunByDisplayName: str, Status: { type: ['string', 'null'], enum: ['Passed', 'Failed', 'Skipped', 'Inconclusive', 'In Progress', null] }, ImportedAt: date, StartedAt: date, FinishedAt: date }, {
    self: '/api/automatedtestrun/{Id}',
    links: [{ rel: 'Nodes', href: '/api/automatedtestrun/{Id}/nodes' }],
    expands: { Assignment: { one: 'AutomatedTestAssignment', key: 'AssignmentId' } },
    references: { AssignmentId: 'AutomatedTestAssignment', RunById: 'User' },
  }),
  ResultNode: entity(['Id', 'Name', 'Status'], { Id: { type: 'string', format: 'uuid' }, RunId: { type: 'string', format: 'uuid' }, ParentId: uuid, Name: { type: 'string' }, Description: str, Notes: str, Status: { type: 'string', enum: ['Passed', 'Failed', 'Skipped', 'Inconclusive'] }, Iteration: int, StartedAt: date, FinishedAt: date, DurationInSeconds: { type: ['number', 'null'] }, HasChildren: bool, HasAttachments: bool, HasIncidents: bool }, {
    self: '/api/automatedtestrun/{RunId}/node/{Id}',
    references: { RunId: 'AutomatedTestRun', ParentId: 'ResultNode' },
  }),
  Resources: {
    type: 'object',
    required: ['Links'],
    properties: {
      Links: {
        type: 'array',
        items: { type: 'object', required: ['Href', 'Rel'], properties: { Title: str, Href: { type: 'string' }, Rel: { type: 'string' }, Description: str, SupportedHttpMethods: { type: 'array', items: { type: 'string' } }, SupportsOData: { type: 'boolean' }, SupportsTQL: { type: 'boolean' }, Help: str } },
      },
    },
  },
  SystemInfo: { type: 'object', required: ['Version', 'RootUrl'], properties: { Version: { type: 'string' }, RootUrl: { type: 'string' }, StaticContentRootUrl: str, PackagePathSeparator: str, TimeZoneId: str, UtcOffset: str, Modules: { type: ['object', 'null'] } } },
  SearchResults: {
    type: 'object',
    properties: { Skip: { type: 'integer' }, Top: { type: 'integer' }, Total: { type: 'integer' }, Items: { type: 'array', items: { type: 'object', required: ['Id', 'EntityType'], properties: { Id: { type: 'string' }, EntityType: { type: 'string' }, Self: { type: 'string' } } } }, Results: { type: 'object' } },
  },
  QueryResultsOfUser: envelope('User'),
  QueryResultsOfAutomatedTestRun: envelope('AutomatedTestRun'),
  QueryResultsOfResultNode: envelope('ResultNode'),
};

type Op = Record<string, unknown>;
const op = (x: Record<string, unknown>, responses: Record<string, unknown>, extra: Op = {}): Op => ({ ...extra, ...prefixed(x), responses });
const prefixed = (x: Record<string, unknown>) => Object.fromEntries(Object.entries(x).map(([k, v]) => [`x-et-${k}`, v]));
const jsonRequest = (schema: unknown) => ({ requestBody: { content: { 'application/json': { schema } } } });

const PATHS: Record<string, Record<string, Op>> = {
  '/api/': { get: op({ kind: 'action', behaviour: 'root' }, { 200: body(ref('Resources')) }) },
  '/api/systeminfo': { get: op({ kind: 'action', behaviour: 'systeminfo', 'root-relation': 'SystemInfo' }, { 200: body(ref('SystemInfo')) }) },
  '/api/search': {
    get: op({ kind: 'action', behaviour: 'search', query: 'tql', 'root-relation': 'Search' }, { 200: body(ref('SearchResults')), 403: message }),
    post: op({ kind: 'action', behaviour: 'search', 'root-relation': 'Search' }, { 200: body(ref('SearchResults')), 403: message }, {
      requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { tql: { type: 'string' } } } } } },
    }),
  },
  '/api/backgroundtasks': {
    post: op({ kind: 'action', behaviour: 'background-task-create', entity: 'BackgroundTask' }, { 202: body(ref('BackgroundTask')), 403: message }, jsonRequest({ type: 'object' })),
  },
  '/api/backgroundtask/{id}': {
    get: op({ kind: 'item', behaviour: 'background-task-status', entity: 'BackgroundTask' }, { 200: body(ref('BackgroundTask')), 404: message }),
  },
  '/api/automatedtestassignment/{id}': { get: op({ kind: 'item', entity: 'AutomatedTestAssignment' }, { 200: body(ref('AutomatedTestAssignment')), 404: message }) },
  '/api/automatedtestassignment/{id}/runs': {
    get: op({ kind: 'collection', entity: 'AutomatedTestRun', query: 'odata', parent: { param: 'id', entity: 'AutomatedTestAssignment', foreignKey: 'AssignmentId' } }, { 200: body(ref('QueryResultsOfAutomatedTestRun')), 404: message }),
    post: op({ kind: 'action', behaviour: 'automated-result-upload', entity: 'AutomatedTestRun', parent: { param: 'id', entity: 'AutomatedTestAssignment', foreignKey: 'AssignmentId' } }, { 202: body(ref('BackgroundTask')), 403: message, 404: message, 415: message }, {
      requestBody: { content: { 'multipart/form-data': { schema: { type: 'object' } } } },
    }),
  },
  '/api/automatedtestrun/{id}': { get: op({ kind: 'item', entity: 'AutomatedTestRun', expands: ['Assignment'] }, { 200: body(ref('AutomatedTestRun')), 404: message }) },
  '/api/automatedtestrun/{id}/nodes': {
    get: op({ kind: 'collection', entity: 'ResultNode', query: 'odata', parent: { param: 'id', entity: 'AutomatedTestRun', foreignKey: 'RunId' } }, { 200: body(ref('QueryResultsOfResultNode')), 404: message }),
  },
  '/api/users': {
    get: op({ kind: 'collection', entity: 'User', query: 'odata', 'root-relation': 'Users' }, { 200: body(ref('QueryResultsOfUser')) }),
    post: op({ kind: 'collection', entity: 'User' }, { 201: body(ref('User')), 403: message, 409: message }, jsonRequest({ type: 'object' })),
  },
  '/api/user/{id}': {
    get: op({ kind: 'item', entity: 'User' }, { 200: body(ref('User')), 404: message }),
    put: op({ kind: 'item', entity: 'User' }, { 200: body(ref('User')), 403: message, 404: message, 409: message }, jsonRequest({ type: 'object' })),
  },
  '/api/user/{id}/permissions/global': {
    get: op({ kind: 'action' }, { 200: body({ type: 'array', items: ref('PermissionAssignment') }), 404: message }),
    put: op({ kind: 'action' }, { 200: body({ type: 'array', items: ref('PermissionAssignment') }), 403: message, 404: message }, jsonRequest({ type: 'array' })),
  },
};

const templateKey = (path: string) => path.toLowerCase().replace(/\{[^}]+\}/g, '{}').replace(/\/$/, '');

/** The generated spec plus whatever of the test supplement it does not document yet. */
export function withSupplement(doc: OpenApiDoc): OpenApiDoc {
  const out: OpenApiDoc = { ...doc, paths: { ...doc.paths }, components: { ...doc.components, schemas: { ...doc.components?.schemas } } };
  const known = new Map(Object.keys(out.paths!).map((p) => [templateKey(p), p]));
  for (const [path, ops] of Object.entries(PATHS)) {
    const existing = known.get(templateKey(path));
    if (!existing) out.paths![path] = ops;
    else for (const [m, o] of Object.entries(ops)) if (!out.paths![existing]![m]) out.paths![existing] = { ...out.paths![existing], [m]: o };
  }
  for (const [name, schema] of Object.entries(SCHEMAS)) out.components!.schemas![name] ??= schema;
  return out;
}

export const NIGHTLY_ASSIGNMENT = 'f0663d93-f100-4051-9dc6-fd9f81e077e5';
const NIGHTLY_PACKAGE = '67e2dc4e-1cef-468f-9435-f483fec39570';

/** Records the tests rely on that the generated fixtures may not hold yet (added only when missing). */
export function supplementData(data: Data): Data {
  const out: Data = { ...data };
  const ensure = (entity: string, rec: Data[string][number]) => {
    const list = (out[entity] = [...(out[entity] ?? [])]);
    if (!list.some((r) => r.Id.toLowerCase() === rec.Id.toLowerCase())) list.push(rec);
  };
  ensure('AutomatedTestAssignment', { Id: NIGHTLY_ASSIGNMENT, Name: 'JUnit Test Results', PackageId: NIGHTLY_PACKAGE, AutomatedTestId: null });
  for (const [id, key] of [
    ['6b1f0c1e-5b0a-4c8e-9a51-0c1f2d3e4f50', '/Administration'],
    ['6b1f0c1e-5b0a-4c8e-9a51-0c1f2d3e4f51', '/TestManagement'],
    ['6b1f0c1e-5b0a-4c8e-9a51-0c1f2d3e4f52', '/TestManagement/View'],
  ] as const) {
    if (!(out.Permission ?? []).some((p) => p.Key === key)) ensure('Permission', { Id: id, Key: key, Name: key.split('/').pop() });
  }
  return out;
}
