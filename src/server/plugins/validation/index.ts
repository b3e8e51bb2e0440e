// Validation, before anything is touched: body size (413), Content-Type (400, or 415 for file uploads) and
// JSON syntax (400), path and query parameters (400), the documented request schema (403 naming the field and
// the rule, plus an Errors list), fields the entity keeps that break the entity's own model (403), updates that would empty a field the entity must have (403), and its duplicate-name conflicts (409). In strict mode (--strict, or ET_FAKE_STRICT=1 as the test suite sets)
// every JSON response is also checked against the spec. Schemas are compiled lazily, once per operation.
import type { EtCall } from '../../engine/call.ts';
import type { PluginContext } from '../plugin.ts';
import type { OperationSpec } from '../../spec/operations.ts';
import { message } from '../../http/responses.ts';
import { bodyRule, declaredSizeProblem, problemOfBody, type BodyRule } from './body.ts';
import { jsonObjectOf, requestBody, type RequestBody } from '../../http/body-text.ts';
import { conflictProblem } from './conflicts.ts';
import { clearedFieldProblem } from './cleared-fields.ts';
import { storedFieldProblem } from './stored-fields.ts';
import { limitsOf } from '../../http/limits.ts';
import { paramProblem, paramRules } from './params.ts';
import { ResponseChecker } from './response.ts';
import { schemasOf } from './spec-schemas.ts';

interface OperationRules {
  params: ReturnType<typeof paramRules>;
  body: BodyRule;
}

/** Strict response validation: the option, or ET_FAKE_STRICT=1 in the environment (the test suite). */
export const strictFrom = (options: { strict: boolean }) => options.strict || process.env.ET_FAKE_STRICT === '1';

export function install(ctx: PluginContext): void {
  const schemas = schemasOf(ctx.spec);
  const limits = limitsOf(ctx.options);
  const rules = new WeakMap<OperationSpec, OperationRules>();
  const rulesOf = (op: OperationSpec): OperationRules => {
    let r = rules.get(op);
    if (!r) rules.set(op, (r = { params: paramRules(ctx.spec, op.path, op.method), body: bodyRule(schemas, op) }));
    return r;
  };

  // A body declared too large is refused before anything reads it, authentication included (as IIS does).
  // Every hook here checks the request (and the answer) alone: pure, for the engine's kept answers.
  ctx.engine.beforeHandle.unshift(ctx.engine.pure((call: EtCall) => declaredSizeProblem(call, limits)));

  // Not an async function: a GET carries no body ET reads (body-text.ts ignores one), so its check is over
  // once the parameters pass, without a promise.
  const checkRequest = (call: EtCall) => {
    const r = rulesOf(call.op);
    const problem = paramProblem(r.params, call.params, call.query);
    if (problem) return message(400, problem);
    if (call.c.req.method === 'GET') return undefined;
    return checkBody(call, r.body);
  };
  ctx.engine.beforeHandle.push(ctx.engine.pure(checkRequest));
  // One wait, for the body; the checks after it run without a promise once their schemas are compiled.
  const checkBody = (call: EtCall, rule: BodyRule): Promise<Response | undefined> =>
    requestBody(call.c).then((read) => {
      const refused = problemOfBody(call, read, schemas, rule, limits);
      if (refused instanceof Promise) return refused.then((r) => r ?? fieldProblem(call, read));
      return refused ?? fieldProblem(call, read);
    });
  const fieldProblem = (call: EtCall, read: RequestBody): Response | undefined | Promise<Response | undefined> => {
    const body = jsonObjectOf(read); // none for methods without a body (read() reads none)
    const cleared = clearedFieldProblem(call, body);
    if (cleared) return cleared;
    const stored = storedFieldProblem(call, body, schemas);
    if (stored instanceof Promise) return stored.then((r) => r ?? conflictProblem(call, body));
    return stored ?? conflictProblem(call, body);
  };

  if (strictFrom(ctx.options)) {
    const checker = new ResponseChecker(schemas);
    ctx.engine.afterHandle.push(ctx.engine.pure((call: EtCall, res: Response) => checker.check(call, res)));
  }
}
