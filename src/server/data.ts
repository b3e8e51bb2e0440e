// The data a fresh fake starts with: the records the build pulled out of the docs, with the curated
// sandbox (fixtures/default.json) merged over them by entity and Id; or a data set the caller supplies.
import { readFile } from 'node:fs/promises';
import type { Data, Rec } from './engine/store-types.ts';
import { CURATED_FIXTURES, GENERATED_FIXTURES, START_COPIES } from './paths.ts';

export async function readData(file: string): Promise<Data> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw new Error(`fixtures file not found: ${file}`);
    throw err;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`fixtures file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`fixtures file ${file} must hold {"<Entity>": [records]}`);
  return data as Data;
}

/** Records of `over` replace (field by field) the records of `base` with the same entity and Id. */
export function mergeData(base: Data, over: Data): Data {
  const out: Data = {};
  for (const [entity, records] of Object.entries(base)) out[entity] = [...records];
  for (const [entity, records] of Object.entries(over)) {
    const list = (out[entity] ??= []);
    const at = new Map(list.map((r, i) => [r.Id.toLowerCase(), i]));
    for (const rec of records) {
      const i = at.get(rec.Id.toLowerCase());
      if (i === undefined) {
        at.set(rec.Id.toLowerCase(), list.length);
        list.push(rec);
      } else list[i] = { ...list[i]!, ...rec } as Rec;
    }
  }
  return out;
}

/** The generated records with the curated ones merged over them. */
export async function mergedDefaultData(): Promise<Data> {
  return mergeData(await readData(GENERATED_FIXTURES), await readData(CURATED_FIXTURES));
}

/** The default data: in the serve bundle, the copy the bundler merged; else merged now. */
export async function defaultData(): Promise<Data> {
  return START_COPIES ? readData(START_COPIES.data) : mergedDefaultData();
}

/** The start data for the given `fixtures` option: a data set, a file, or the default. */
export async function startData(fixtures: Data | string | undefined): Promise<Data> {
  if (fixtures === undefined) return defaultData();
  return typeof fixtures === 'string' ? readData(fixtures) : fixtures;
}
