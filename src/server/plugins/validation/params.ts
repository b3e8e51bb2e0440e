// Path and query parameters against the operation's documented parameters. Query strings are text, so the
// checks read them as the documented type (integer, boolean, uuid, enum) by hand rather than through Ajv.
// Paging parameters are checked on every operation, documented or not.
import type { OpenApiDoc } from '../../spec/operations.ts';
import { MAX_TOP } from '../../http/limits.ts';

interface ParamRule {
  name: string;
  in: 'path' | 'query';
  type?: string;
  format?: string;
  enumLower?: string[];
  minimum?: number;
  maximum?: number;
}

const PAGING: ParamRule[] = [
  { name: '$top', in: 'query', type: 'integer', minimum: 0, maximum: MAX_TOP },
  { name: '$take', in: 'query', type: 'integer', minimum: 0, maximum: MAX_TOP },
  { name: '$skip', in: 'query', type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The rules for one operation, built once. */
export function paramRules(doc: OpenApiDoc, path: string, method: string): ParamRule[] {
  const item = doc.paths?.[path] ?? {};
  const declared: any[] = [...(item.parameters ?? []), ...(item[method.toLowerCase()]?.parameters ?? [])];
  const rules: ParamRule[] = [];
  for (const p of declared) {
    if ((p.in !== 'path' && p.in !== 'query') || typeof p.name !== 'string') continue;
    const s = p.schema ?? {};
    const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
    rules.push({
      name: p.name,
      in: p.in,
      type,
      format: s.format,
      enumLower: Array.isArray(s.enum) ? s.enum.filter((v: unknown) => typeof v === 'string').map((v: string) => v.toLowerCase()) : undefined,
      minimum: s.minimum,
      maximum: s.maximum,
    });
  }
  for (const paging of PAGING) {
    const at = rules.findIndex((r) => r.in === 'query' && r.name === paging.name);
    if (at >= 0) rules[at] = { ...rules[at]!, ...paging };
    else rules.push(paging);
  }
  return rules;
}

/** The first problem with the parameters, as a sentence naming the parameter and the rule; undefined when fine. */
export function paramProblem(rules: ParamRule[], params: Record<string, string>, query: URLSearchParams): string | undefined {
  const noQuery = query.size === 0;
  for (const rule of rules) {
    if (noQuery && rule.in === 'query') continue;
    const values = rule.in === 'path' ? (params[rule.name] === undefined ? [] : [params[rule.name]!]) : query.getAll(rule.name);
    for (const raw of values) {
      const problem = valueProblem(rule, raw);
      if (problem) return `The ${rule.in === 'path' ? 'path' : 'query'} parameter ${rule.name} ${problem} (got ${JSON.stringify(raw.slice(0, 80))}).`;
    }
  }
  return undefined;
}

function valueProblem(rule: ParamRule, raw: string): string | undefined {
  const v = raw.trim();
  // An empty query value means "not given", as ASP.NET binds it.
  if (rule.in === 'query' && v === '') return undefined;
  if (rule.type === 'integer' || rule.type === 'number') {
    const ok = rule.type === 'integer' ? INTEGER.test(v) : NUMBER.test(v);
    const n = Number(v);
    if (!ok || !Number.isFinite(n) || (rule.type === 'integer' && !Number.isSafeInteger(n))) return `must be ${rule.type === 'integer' ? 'a whole number' : 'a number'}`;
    if (rule.minimum !== undefined && n < rule.minimum) return rangeText(rule);
    if (rule.maximum !== undefined && n > rule.maximum) return rangeText(rule);
    return undefined;
  }
  if (rule.type === 'boolean') return /^(true|false)$/i.test(v) ? undefined : 'must be true or false';
  if (rule.format === 'uuid' && !GUID.test(v)) return 'must be a GUID such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301';
  if (rule.enumLower && !rule.enumLower.includes(v.toLowerCase())) return `must be one of ${rule.enumLower.join(', ')}`;
  return undefined;
}

function rangeText(rule: ParamRule): string {
  const max = rule.maximum !== undefined && rule.maximum < Number.MAX_SAFE_INTEGER ? rule.maximum : undefined;
  if (rule.minimum !== undefined && max !== undefined) return `must be a whole number from ${rule.minimum} to ${max}`;
  if (rule.minimum !== undefined) return `must be ${rule.minimum} or more`;
  return `must be ${max} or less`;
}
