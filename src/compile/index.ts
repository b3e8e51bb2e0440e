// The build: docs-spec/ in, generated/openapi.json and generated/fixtures.json out.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OpenAPIObject } from 'openapi3-ts/oas31';
import { parseModelFile, parseResourceFile } from './catalogue/catalogue.ts';
import { checkRefs } from './catalogue/check-refs.ts';
import { danglingReferences, extractFixtures, type DanglingReference, type Fixtures } from './fixtures/fixtures.ts';
import { mergeResources } from './catalogue/merge.ts';
import { BuildError, type ExampleDoc, type ModelDoc, type ResourceDoc } from './model.ts';
import { buildOpenApi } from './openapi.ts';
import { parsePage } from './pages/page-parser.ts';
import { resourceCoverage, type ResourceCoverage } from './coverage/resource-coverage.ts';
import { stableJson } from './stable-json.ts';
import { validateExamples } from './schemas/validate-examples.ts';

export interface BuildOptions {
  /** Skip broken files and examples with a warning instead of stopping. */
  lenient?: boolean;
}

export interface BuildResult {
  openapi: OpenAPIObject;
  fixtures: Fixtures;
  resources: ResourceDoc[];
  models: ModelDoc[];
  navigation: string[];
  coverage: ResourceCoverage;
  dangling: DanglingReference[];
  warnings: string[];
  /** The records one example's answer shows, in stored form (how the fixtures are read, for one example). */
  exampleRecords(resource: ResourceDoc, op: ResourceDoc['operations'][number], ex: ExampleDoc): Fixtures;
}

async function listFiles(dir: string, ext: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir)).filter((f) => f.endsWith(ext)).sort();
}

/** Reads and checks docs-spec/; throws BuildError (or, lenient, warns and skips). Writes nothing. */
export async function buildFromDocs(docsDir: string, options: BuildOptions = {}): Promise<BuildResult> {
  const warnings: string[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof BuildError) || !options.lenient) throw err;
      warnings.push(`skipped ${err.message}`);
      return undefined;
    }
  };

  const pages: ResourceDoc[] = [];
  const navigation: string[] = [];
  for (const f of await listFiles(join(docsDir, 'pages'), '.txt')) {
    const text = await readFile(join(docsDir, 'pages', f), 'utf8');
    const page = attempt(() => parsePage(text, `pages/${f}`));
    if (!page) continue;
    pages.push(page.resource);
    if (navigation.length === 0) navigation.push(...page.navigation);
  }
  const catalogue: ResourceDoc[] = [];
  for (const f of await listFiles(join(docsDir, 'resources'), '.json')) {
    const text = await readFile(join(docsDir, 'resources', f), 'utf8');
    const r = attempt(() => parseResourceFile(text, `resources/${f}`));
    if (r) catalogue.push(r);
  }
  const models: ModelDoc[] = [];
  for (const f of await listFiles(join(docsDir, 'models'), '.json')) {
    const text = await readFile(join(docsDir, 'models', f), 'utf8');
    const m = attempt(() => parseModelFile(text, `models/${f}`, f.replace(/\.json$/, '')));
    if (m) models.push(m);
  }

  const resources = mergeResources(pages, catalogue);
  let spec = buildOpenApi(resources, models);
  checkRefs(spec.openapi, models, resources);
  const problems = validateExamples(spec.openapi);
  if (problems.length > 0) {
    const lines = problems.map((p) => `${p.source}: example '${p.title}' (${p.operationId}, ${p.where}) does not match its schema: ${p.errors}`);
    if (!options.lenient) {
      const [file = '?', line = '1'] = problems[0]!.source.split(':');
      throw new BuildError({ file, line: Number(line) }, `${problems.length} example(s) do not match their schemas:\n  ${lines.join('\n  ')}`);
    }
    warnings.push(...lines.map((l) => `skipped ${l}`));
    const broken = new Set(problems.map((p) => p.source));
    for (const r of resources) for (const op of r.operations) op.examples = op.examples.filter((e) => !broken.has(`${e.source.file}:${e.source.line}`));
    spec = buildOpenApi(resources, models);
  }
  const declared = new Map(models.filter((m) => m.entity && m.schema.properties).map((m) => [m.name, new Set(Object.keys(m.schema.properties as object))]));
  const fixtures = extractFixtures(resources, spec.registry, spec.entityDocs, declared);
  const dangling = danglingReferences(fixtures, spec.entityDocs);
  return {
    openapi: spec.openapi, fixtures, resources, models, navigation, dangling, warnings,
    coverage: resourceCoverage(navigation, resources),
    exampleRecords: (resource, op, ex) => extractFixtures([{ ...resource, operations: [{ ...op, examples: [ex] }] }], spec.registry, spec.entityDocs, declared),
  };
}

/** Writes generated/ only after everything was built, via temp files renamed into place. */
export async function writeGenerated(outDir: string, result: BuildResult): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files: [string, string][] = [
    ['openapi.json', stableJson(result.openapi)],
    ['fixtures.json', stableJson(result.fixtures)],
  ];
  for (const [name, text] of files) await writeFile(join(outDir, `.${name}.tmp`), text);
  for (const [name] of files) await rename(join(outDir, `.${name}.tmp`), join(outDir, name));
  return files.map(([name]) => name);
}
