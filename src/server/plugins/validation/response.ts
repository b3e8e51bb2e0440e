// Strict mode: every JSON response of a matched operation is checked against what the spec documents for its
// status; a response that breaks it becomes a 500 naming the violation, so a fake that drifts from its own
// documentation fails loudly. Error statuses the operation does not document must still be ET's {"Message"}.
import type { EtCall } from '../../engine/call.ts';
import { json } from '../../http/responses.ts';
import { describe, operationPointer, type SpecSchemas } from './spec-schemas.ts';

const isMessage = (body: unknown) => !!body && typeof body === 'object' && typeof (body as { Message?: unknown }).Message === 'string';

export class ResponseChecker {
  constructor(private readonly schemas: SpecSchemas) {}

  /** The violations of one response (empty when it matches the spec). */
  async problems(call: EtCall, status: number, contentType: string | null, body: unknown): Promise<string[]> {
    const { op } = call;
    const responses = this.schemas.doc.paths?.[op.path]?.[op.method.toLowerCase()]?.responses ?? {};
    const key = String(status) in responses ? String(status) : responses.default ? 'default' : undefined;
    if (!key) {
      if (status >= 400) return isMessage(body) ? [] : [`an undocumented ${status} must be {"Message": "..."}`];
      return [`status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`];
    }
    const content: Record<string, { schema?: unknown }> | undefined = responses[key].content;
    const media = content ? Object.keys(content) : [];
    if (!media.length) return body === undefined ? [] : [`status ${status} documents no body but one was sent`];
    if (body === undefined) return [`status ${status} documents a body but none was sent`];
    if (contentType && !contentType.includes('json')) return [];
    const type = media.find((t) => t.includes('json'));
    if (!type || !content![type]!.schema) return [];
    const validate = await this.schemas.validator(operationPointer(op.path, op.method, 'responses', key, 'content', type, 'schema'));
    if (validate(body)) return [];
    return (validate.errors ?? []).slice(0, 5).map((e) => describe(e).Message);
  }

  /** The response itself, or a 500 naming how it breaks the spec. */
  async check(call: EtCall, res: Response): Promise<Response> {
    const type = res.headers.get('content-type');
    let body: unknown;
    if (res.body !== null) {
      if (type && !type.includes('json')) return res;
      const text = await res.clone().text();
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          return violation(call, res.status, ['the body is not valid JSON']);
        }
      }
    }
    const problems = await this.problems(call, res.status, type, body);
    return problems.length ? violation(call, res.status, problems) : res;
  }
}

function violation(call: EtCall, status: number, problems: string[]): Response {
  const where = `${call.op.method} ${call.op.path} -> ${status}`;
  return json({ Message: `The response breaks the spec (${where}): ${problems.join('; ')}.`, Errors: problems }, 500);
}
