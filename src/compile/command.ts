// `et-fake build`: docs-spec/ -> generated/, with a short report.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildFromDocs, writeGenerated } from './index.ts';
import { BuildError } from './model.ts';

export async function runBuildCommand(options: { root: string; lenient: boolean }): Promise<number> {
  const started = performance.now();
  try {
    const result = await buildFromDocs(join(options.root, 'docs-spec'), { lenient: options.lenient });
    const outDir = join(options.root, 'generated');
    const written = await writeGenerated(outDir, result);
    // The query grammars are compiled here too, so one `npm run build` makes all of generated/.
    const grammars = join(options.root, 'src', 'build', 'compile-grammars.ts');
    if (existsSync(grammars)) {
      const { compileGrammars } = (await import(grammars)) as { compileGrammars: (root: string) => Promise<void> };
      await compileGrammars(options.root);
      written.push('parsers/');
    }
    // The start-up bundle of `serve` is rebuilt too, or bin.js would see it older than the parsers and skip it.
    const { bundleServe } = await import('./bundle.ts');
    await bundleServe(options.root).catch((err: unknown) => process.stdout.write(`note: serve bundle not rebuilt (${err instanceof Error ? err.message : String(err)})\n`));
    const ops = Object.values(result.openapi.paths ?? {}).reduce((n, item) => n + Object.keys(item).filter((k) => /^(get|post|put|patch|delete)$/.test(k)).length, 0);
    const entities = Object.entries(result.fixtures);
    const out = process.stdout;
    for (const w of result.warnings) out.write(`warning: ${w}\n`);
    out.write(`built ${ops} operations on ${Object.keys(result.openapi.paths ?? {}).length} paths, ${Object.keys(result.openapi.components?.schemas ?? {}).length} schemas\n`);
    out.write(`fixtures: ${entities.reduce((n, [, r]) => n + r.length, 0)} records of ${entities.length} entity types\n`);
    out.write(`coverage: ${result.coverage.documented.length} of ${result.coverage.resources.length} ET resources documented in docs-spec/\n`);
    if (result.dangling.length > 0) {
      out.write(`warning: ${result.dangling.length} fixture reference(s) point at nothing, e.g. ${result.dangling.slice(0, 5).map((d) => `${d.entity} ${d.id} ${d.field} -> ${d.target} ${d.value}`).join('; ')}\n`);
    }
    out.write(`wrote ${written.map((w) => `generated/${w}`).join(', ')} in ${Math.round(performance.now() - started)} ms\n`);
    return 0;
  } catch (err) {
    if (err instanceof BuildError) {
      process.stderr.write(`build failed: docs-spec/${err.message}\nnothing was written\n`);
      return 1;
    }
    throw err;
  }
}
