// The OData $filter / $orderby syntax tree, as produced by generated/parsers/odata.js (see odata.peggy).

export type ODataExpr =
  | { type: 'binary'; op: ODataBinaryOp; left: ODataExpr; right: ODataExpr }
  | { type: 'not'; expr: ODataExpr }
  | { type: 'call'; name: string; args: ODataExpr[] }
  | { type: 'member'; path: string[] }
  | ODataLiteral;

export type ODataBinaryOp = 'and' | 'or' | 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type ODataLiteral =
  | { type: 'literal'; kind: 'string' | 'datetime' | 'guid'; value: string }
  | { type: 'literal'; kind: 'number'; value: number }
  | { type: 'literal'; kind: 'boolean'; value: boolean }
  | { type: 'literal'; kind: 'null'; value: null };

export interface ODataOrderItem {
  path: string[];
  direction: 'asc' | 'desc';
}
