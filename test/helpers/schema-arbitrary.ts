// fast-check arbitraries built from the generated OpenAPI schemas: values a schema accepts (the keywords the
// build emits: type, type lists, format uuid/date-time, enum, items, $ref, minimum/maximum, anyOf,
// additionalProperties), and near-valid ones: the same with one thing broken (a required field gone, a field
// of the wrong type, an unknown field, an odd string), as clients get wrong.
import fc from 'fast-check';
import type { OpenApiDoc } from '../../src/server/spec/operations.ts';

type Schema = Record<string, any>;

export interface ArbitraryOptions {
  /** Ids to use for uuid fields and parameters most of the time, so references point at real records. */
  ids: string[];
  /** How many $ref levels to follow before a nested value is left null or out. */
  maxRefDepth?: number;
}

/** Strings a client may send where text is expected: ordinary, empty, long, non-ASCII, with quotes and markup. */
export const oddString = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('', ' ', 'null', 'undefined', '0', '-1', 'true', "O'Brien", '"quoted"', '<b>x</b>', '../../etc/passwd', '%00', '\u0000', 'réçu ✓', '𝔘𝔫𝔦', '\u202e'),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.nat({ max: 5_000 }).map((n) => 'x'.repeat(n)),
  );

const uuidArb = (ids: string[]) => (ids.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid());

const dateTimeArb = () =>
  fc.oneof(
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom('2026-03-02T00:00:00Z', '2026-03-02T09:15:00.123+13:00', '1970-01-01T00:00:00Z'),
  );

export class SchemaArbitraries {
  private readonly maxRefDepth: number;
  private readonly refs = new Map<string, fc.Arbitrary<unknown>>();
  constructor(
    private readonly doc: OpenApiDoc,
    private readonly options: ArbitraryOptions,
  ) {
    this.maxRefDepth = options.maxRefDepth ?? 2;
  }

  private resolve(ref: string): Schema {
    const parts = ref.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node: any = this.doc;
    for (const p of parts) node = node?.[p];
    return node ?? {};
  }

  /** Values the schema accepts. */
  valid(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    if (!schema || typeof schema !== 'object') return fc.constant(null);
    if (schema.$ref) {
      if (depth >= this.maxRefDepth) return fc.constant(null);
      const key = `${schema.$ref}@${depth}`;
      let arb = this.refs.get(key);
      if (!arb) this.refs.set(key, (arb = this.valid(this.resolve(schema.$ref), depth + 1)));
      return arb;
    }
    if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.anyOf || schema.oneOf) return fc.oneof(...((schema.anyOf ?? schema.oneOf) as Schema[]).map((s) => this.valid(s, depth)));
    const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : schema.properties ? ['object'] : ['string', 'integer', 'boolean', 'null'];
    return fc.oneof(...types.map((t) => this.ofType(t, schema, depth)));
  }

  private ofType(type: string, schema: Schema, depth: number): fc.Arbitrary<unknown> {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 100_000 });
      case 'number':
        return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
      case 'string':
        if (schema.format === 'uuid') return uuidArb(this.options.ids);
        if (schema.format === 'date-time') return dateTimeArb();
        return oddString();
      case 'array':
        return fc.array(this.valid(schema.items, depth), { maxLength: depth ? 2 : 4 });
      case 'object':
        return this.object(schema, depth);
      default:
        return fc.constant(null);
    }
  }

  private object(schema: Schema, depth: number): fc.Arbitrary<unknown> {
    const props: Record<string, Schema> = schema.properties ?? {};
    const required: string[] = schema.required ?? [];
    const keys = Object.keys(props).filter((k) => k !== 'Self' && k !== 'Links' && k !== 'Expands');
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const k of keys) model[k] = this.valid(props[k], depth);
    if (!keys.length) {
      return schema.additionalProperties && typeof schema.additionalProperties === 'object'
        ? fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), this.valid(schema.additionalProperties, depth + 1), { maxKeys: 3 })
        : fc.constant({});
    }
    return fc.record(model, { requiredKeys: required.filter((k) => k in model) });
  }

  /** A value with one thing broken, starting from a valid one. */
  nearValid(schema: Schema | undefined): fc.Arbitrary<unknown> {
    return fc.tuple(this.valid(schema), fc.nat(), fc.constantFrom(...BREAKS), wrongValue()).map(([value, pick, how, wrong]) => breakValue(value, pick, how, wrong, this.required(schema)));
  }

  /** The properties an object schema (or the one it refers to) documents. */
  propertiesOf(schema: Schema | undefined): Record<string, Schema> {
    if (!schema) return {};
    const s = schema.$ref ? this.resolve(schema.$ref) : schema;
    return s.properties ?? {};
  }

  private required(schema: Schema | undefined): string[] {
    if (!schema) return [];
    const s = schema.$ref ? this.resolve(schema.$ref) : schema;
    return s.required ?? [];
  }
}

const BREAKS = ['drop-required', 'wrong-type', 'null-field', 'unknown-field', 'whole-wrong'] as const;
type Break = (typeof BREAKS)[number];

/** Values of a type a field seldom expects. */
const wrongValue = () =>
  fc.oneof(
    fc.constantFrom<unknown>(null, true, 0, -1, 1e308, -0, '', 'not-a-guid', '2026-13-45T99:99:99Z', [], {}, [null], { Id: 'x' }, 'x'.repeat(2_000)),
    fc.integer(),
    fc.string({ maxLength: 10 }),
  );

function breakValue(value: unknown, pick: number, how: Break, wrong: unknown, required: string[]): unknown {
  if (how === 'whole-wrong' || typeof value !== 'object' || value === null || Array.isArray(value)) return wrong;
  const obj = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(obj);
  switch (how) {
    case 'drop-required': {
      const gone = required.length ? required[pick % required.length]! : keys[pick % Math.max(1, keys.length)];
      if (gone !== undefined) delete obj[gone];
      return obj;
    }
    case 'wrong-type':
    case 'null-field': {
      const key = keys.length ? keys[pick % keys.length]! : 'Name';
      obj[key] = how === 'null-field' ? null : wrong;
      return obj;
    }
    case 'unknown-field':
      obj[`Unknown${pick % 10}`] = wrong;
      return obj;
  }
}
