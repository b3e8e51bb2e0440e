// Prints a TQL AST back to query text that parses to the same AST.
// Nested AND/OR operands are always parenthesised, strings always quoted.
import type { TqlAggItem, TqlExpr, TqlInSource, TqlQuery, TqlValue } from './ast.ts';

export function quoteTql(text: string): string {
  return `'${text.replace(/[\\']/g, '\\$&')}'`;
}

export function printTqlValue(value: TqlValue): string {
  switch (value.type) {
    case 'string':
      return quoteTql(value.value);
    case 'number':
      return String(value.value);
    case 'call':
      return `${value.name}(${value.args.map(printTqlValue).join(', ')})`;
  }
}

function printSource(source: TqlInSource): string {
  if (source.type === 'list') return `[${source.values.map(printTqlValue).join(', ')}]`;
  if (source.type === 'subselect') return `{ ${printTqlExpr(source.query)} }`;
  return printTqlValue(source);
}

function operand(expr: TqlExpr): string {
  const text = printTqlExpr(expr);
  return expr.type === 'and' || expr.type === 'or' ? `(${text})` : text;
}

export function printTqlExpr(expr: TqlExpr): string {
  switch (expr.type) {
    case 'and':
      return `${operand(expr.left)} AND ${operand(expr.right)}`;
    case 'or':
      return `${operand(expr.left)} OR ${operand(expr.right)}`;
    case 'not':
      return `NOT ${operand(expr.expr)}`;
    case 'compare':
      return `${expr.field} ${expr.op} ${printTqlValue(expr.value)}`;
    case 'in':
      return `${expr.field} ${expr.negated ? 'NOT IN' : 'IN'} ${printSource(expr.source)}`;
    case 'is':
      return `${expr.field} IS ${expr.negated ? 'NOT ' : ''}${expr.what}`;
  }
}

function alias(name: string | null): string {
  return name === null ? '' : ` AS ${quoteTql(name)}`;
}

function printAggItem(item: TqlAggItem): string {
  switch (item.type) {
    case 'count':
      return `COUNT${alias(item.alias)}`;
    case 'group': {
      const { kind, field } = item.selector;
      const selector = kind === 'field' ? field : `${kind[0]!.toUpperCase()}${kind.slice(1)}(${field})`;
      return `GROUP BY ${selector}${alias(item.alias)} { ${item.items.map(printAggItem).join(', ')} }`;
    }
    default:
      return `${item.type.toUpperCase()}(${item.field})${alias(item.alias)}`;
  }
}

export function printTql(query: TqlQuery): string {
  if (query.type === 'aggregate') {
    const items = query.items.map(printAggItem).join(', ');
    return query.where === null ? items : `${items} WHERE ${printTqlExpr(query.where)}`;
  }
  const parts: string[] = [];
  if (query.where !== null) parts.push(printTqlExpr(query.where));
  if (query.orderBy.length > 0) {
    parts.push(`ORDER BY ${query.orderBy.map((o) => `${o.field} ${o.direction.toUpperCase()}`).join(', ')}`);
  }
  return parts.join(' ');
}
