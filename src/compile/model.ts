// The build's intermediate form: what a help page or a catalogue file says about one ET resource.

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type QueryStyle = 'tql' | 'odata';

/** Where a fact came from, so build errors can point at it. */
export interface SourceRef {
  file: string;
  line: number;
}

export interface ParameterDoc {
  name: string;
  in: 'path' | 'query';
  description?: string;
  type?: 'string' | 'integer' | 'boolean';
  format?: string;
  enum?: string[];
  required?: boolean;
}

export interface StatusDoc {
  code: number;
  meaning: string;
  /** A model name (`ScriptRun`, `QueryResultsOfScriptRun`, `list[X]`) when the catalogue names one. */
  model?: string;
}

export interface ExampleDoc {
  title: string;
  description?: string;
  requestHeaders: Record<string, string>;
  pathParams: Record<string, string>;
  queryParams: Record<string, string>;
  /** Descriptions the page gives for each request parameter. */
  paramDescriptions: Record<string, string>;
  requestBody?: unknown;
  responseHeaders: Record<string, string>;
  responseBody?: unknown;
  status: number;
  source: SourceRef;
}

export interface OperationDoc {
  method: HttpMethod;
  operationId?: string;
  description: string;
  queryStyle?: QueryStyle;
  /** Query parameters the documentation names (`tql`, `$top`, `$take`, `$inlinecount`, ...). */
  queryParams: string[];
  parameters: ParameterDoc[];
  permissions: string[];
  expansions: string[];
  statuses: StatusDoc[];
  examples: ExampleDoc[];
  requestModel?: string;
  requestContentType?: string;
  behaviour?: string;
  /** DELETE: refused with 403 and this Message while records of `by` ("Entity.Field") point at the record. */
  refuseWhileReferenced?: { by: string[]; message: string };
  source: SourceRef;
}

export interface ParentDoc {
  param: string;
  entity: string;
  foreignKey: string;
}

export interface ResourceDoc {
  name: string;
  path: string;
  description: string;
  rootRelation?: string;
  entity?: string;
  parent?: ParentDoc;
  behaviourByMethod?: Partial<Record<HttpMethod, string>>;
  operations: OperationDoc[];
  source: SourceRef;
}

/** A JSON Schema as the catalogue and the inference write it. */
export type JsonSchema = Record<string, unknown>;

export interface EntityDoc {
  /** Absent for records ET shows without Self (an incident comment). */
  self?: string;
  /** How some fields' values are spelled in Self and Links: `{"Type": {"Priorities": "priority"}}`. */
  linkValues?: Record<string, Record<string, string>>;
  links?: { rel: string; href: string }[];
  expands?: Record<string, { one?: string; many?: string; key?: string; foreignKey?: string; field?: boolean }>;
  references?: Record<string, string>;
  numbering?: { field: string; per?: string };
  /** The field ET lists the records by where they come as a related list (a project's package trees). */
  listedBy?: string;
}

export interface ModelDoc {
  name: string;
  schema: JsonSchema;
  entity?: EntityDoc;
  source: SourceRef;
}

export interface PageDoc {
  resource: ResourceDoc;
  /** The site's navigation list, when the page carries one. */
  navigation: string[];
}

/** A build problem that names the file, the line and what was expected. */
export class BuildError extends Error {
  constructor(
    readonly source: SourceRef,
    readonly problem: string,
  ) {
    super(`${source.file}:${source.line}: ${problem}`);
    this.name = 'BuildError';
  }
}
