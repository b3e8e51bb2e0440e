// The TQL syntax tree, as produced by generated/parsers/tql.js (see tql.peggy).

export type TqlQuery = TqlFilterQuery | TqlAggregateQuery;

export interface TqlFilterQuery {
  type: 'filter';
  where: TqlExpr | null;
  orderBy: TqlOrderItem[];
}

export interface TqlOrderItem {
  field: string;
  direction: 'asc' | 'desc';
}

export type TqlExpr =
  | { type: 'and' | 'or'; left: TqlExpr; right: TqlExpr }
  | { type: 'not'; expr: TqlExpr }
  | TqlTerminal;

export type TqlTerminal = TqlCompare | TqlIn | TqlIs;

export type TqlOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~';

export interface TqlCompare {
  type: 'compare';
  field: string;
  op: TqlOperator;
  value: TqlValue;
}

export interface TqlIn {
  type: 'in';
  field: string;
  negated: boolean;
  source: TqlInSource;
}

export interface TqlIs {
  type: 'is';
  field: string;
  negated: boolean;
  what: 'EMPTY' | 'NULL';
}

export type TqlInSource =
  | { type: 'list'; values: TqlValue[] }
  | { type: 'subselect'; query: TqlExpr }
  | TqlCall;

export type TqlValue = { type: 'string'; value: string } | { type: 'number'; value: number } | TqlCall;

export interface TqlCall {
  type: 'call';
  name: string;
  args: TqlValue[];
}

export interface TqlAggregateQuery {
  type: 'aggregate';
  items: TqlAggItem[];
  where: TqlExpr | null;
}

export type TqlAggItem =
  | { type: 'count'; alias: string | null }
  | { type: 'sum' | 'avg' | 'min' | 'max'; field: string; alias: string | null }
  | TqlGroupBy;

export interface TqlGroupBy {
  type: 'group';
  selector: TqlSelector;
  alias: string | null;
  items: TqlAggItem[];
}

export interface TqlSelector {
  kind: 'field' | 'fill' | 'month' | 'day';
  field: string;
}

export { positionOf } from '../errors.ts';
