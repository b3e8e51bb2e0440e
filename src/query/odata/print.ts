// Prints OData ASTs back to $filter / $orderby text that parses to the same AST.
import type { ODataExpr, ODataOrderItem } from './ast.ts';

function operand(expr: ODataExpr): string {
  const text = printODataFilter(expr);
  return expr.type === 'binary' || expr.type === 'not' ? `(${text})` : text;
}

export function printODataFilter(expr: ODataExpr): string {
  switch (expr.type) {
    case 'binary':
      return `${operand(expr.left)} ${expr.op} ${operand(expr.right)}`;
    case 'not':
      return `not ${operand(expr.expr)}`;
    case 'call':
      return `${expr.name}(${expr.args.map(printODataFilter).join(', ')})`;
    case 'member':
      return expr.path.join('/');
    case 'literal':
      switch (expr.kind) {
        case 'string':
          return `'${expr.value.replace(/'/g, "''")}'`;
        case 'datetime':
        case 'guid':
          return `${expr.kind}'${expr.value.replace(/'/g, "''")}'`;
        default:
          return String(expr.value);
      }
  }
}

export function printODataOrderBy(items: ODataOrderItem[]): string {
  return items.map((item) => `${item.path.join('/')} ${item.direction}`).join(', ');
}
