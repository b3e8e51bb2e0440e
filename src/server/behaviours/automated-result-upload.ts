// POST /api/automatedtestassignment/{id}/runs with a multipart NUnit, JUnit or MSTest result file, or a zip of such files
// (what ET's own upload client sends): answers 202 with a background task that creates the run and its result
// nodes; the client polls the task until Complete.
import { randomUUID } from 'node:crypto';
import type { EtCall } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { HttpError } from '../http/errors.ts';
import { fileNameProblem } from '../http/file-names.ts';
import { json } from '../http/responses.ts';
import { boundaryOf, parseMultipart } from '../http/multipart.ts';
import { nowIso, userName } from '../engine/records.ts';
import { flatten, mergeResults, parseResultFile, ResultFileError, type ParsedResults, type ResultTree } from '../formats/result-files.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec } from '../engine/store-types.ts';
import { presentTask, startTask } from '../engine/tasks.ts';
import { limitsOf } from '../http/limits.ts';
import { looksLikeZip, readZip, ZipError, type ZipLimits } from '../formats/zip.ts';

/** Result nodes written per task tick. */
const NODES_PER_TICK = 200;

function nodeModel(engine: Engine): { entity: string; runKey: string } {
  const op = engine.operations.find((o) => /\/automatedtestrun\/\{[^}]+\}\/nodes$/i.test(o.path) && o.entity);
  return { entity: op?.entity ?? 'ResultNode', runKey: op?.parent?.foreignKey ?? 'RunId' };
}

/** The uploaded bytes: the first multipart part with content (a file part preferred), or a bare body. */
async function uploadedFile(call: EtCall): Promise<Buffer> {
  const type = call.c.req.header('content-type') ?? '';
  const body = Buffer.from(await call.c.req.arrayBuffer());
  if (/^multipart\//i.test(type)) {
    const boundary = boundaryOf(type);
    if (!boundary) throw new HttpError(400, 'The multipart Content-Type has no boundary.');
    const parts = parseMultipart(body, boundary).filter((p) => p.data.length > 0);
    const part = parts.find((p) => p.filename) ?? parts[0];
    const badName = part?.filename === undefined ? undefined : fileNameProblem(part.filename, { folders: false });
    if (badName) throw new HttpError(403, badName);
    const data = part?.data;
    if (!data) throw new HttpError(403, 'Attach the result file (NUnit, JUnit or MSTest XML, or a zip of them) as a part of the multipart body.');
    return data;
  }
  if (/\bxml\b|\bzip\b|octet-stream/i.test(type)) return body;
  throw new HttpError(415, 'Upload the result file as multipart/form-data (or multipart/mixed) with an XML or zip file part.');
}

/** The results of the upload: one NUnit/JUnit XML file, or a zip of them (as ET's own upload client sends). */
async function resultsOf(data: Buffer, limits: ZipLimits): Promise<ParsedResults> {
  if (!looksLikeZip(data)) return parseResultFile(data.toString('utf8'));
  const files = (await readZip(data, limits)).filter((f) => /\.(xml|trx)$/i.test(f.name));
  if (!files.length) throw new ResultFileError('The zip archive holds no result files (.xml or .trx).');
  return mergeResults(
    files.map((f) => {
      try {
        return parseResultFile(f.data.toString('utf8'));
      } catch (err) {
        if (err instanceof ResultFileError) throw new ResultFileError(`${f.name}: ${err.message}`);
        throw err;
      }
    }),
  );
}

/** ET's result counts: by outcome over the test cases (leaves), plus the size of the whole tree. */
function totalsOf(nodes: ResultTree[]): Record<string, number> {
  const leaves = nodes.filter((n) => !n.children.length);
  const count = (s: string) => leaves.filter((n) => n.status === s).length;
  const [passed, failed, skipped] = [count('Passed'), count('Failed'), count('Skipped')];
  return { Passed: passed, Failed: failed, Skipped: skipped, NotRun: 0, Errors: 0, Warnings: 0, Infos: 0, Iterations: 0, Done: passed + failed + skipped, TotalResults: leaves.length, TotalNodes: nodes.length };
}

export const automatedResultUpload = (op: OperationSpec, engine: Engine) => {
  const nodes = nodeModel(engine);
  const assignmentEntity = op.parent?.entity ?? 'AutomatedTestAssignment';
  const runKey = op.parent?.foreignKey ?? 'AssignmentId';
  const runEntity = op.entity ?? 'AutomatedTestRun';
  const param = op.parent?.param ?? op.params[0]!;
  const withTotals = !!engine.catalog.get(runEntity)?.properties.has('Totals');
  const limits = limitsOf(engine.options);
  const unzip: ZipLimits = { maxBytes: limits.maxUnzippedBytes, maxRatio: limits.maxUnzipRatio };
  return async (call: EtCall): Promise<Response> => {
    const { store } = call.engine;
    const assignmentId = call.params[param]!;
    const assignment = store.collection(assignmentEntity).get(assignmentId);
    if (!assignment) throw new HttpError(404, `No ${assignmentEntity} with the Id '${assignmentId}' exists.`);
    let parsed: ParsedResults;
    try {
      parsed = await resultsOf(await uploadedFile(call), unzip);
    } catch (err) {
      if (err instanceof ResultFileError || err instanceof ZipError) throw new HttpError(403, err.message);
      throw err;
    }
    const flat = flatten(parsed.roots);
    const ids = new Map<ResultTree, string>(flat.map(({ node }) => [node, randomUUID()]));
    const runId = randomUUID();
    const user = call.user;
    const importedAt = nowIso();
    const runs = store.collection(runEntity);
    const nodeCol = store.collection(nodes.entity);
    const run: Rec = {
      Id: runId,
      [runKey]: assignment.Id,
      RunById: user?.Id ?? null,
      RunBy: userName(user) ?? null,
      RunByDisplayName: (user?.DisplayName as string | undefined) ?? userName(user) ?? null,
      Status: 'In Progress',
      ImportedAt: importedAt,
      StartedAt: parsed.startedAt ?? importedAt,
      FinishedAt: null,
    };
    // ET's words while an import runs (its documented task in progress); the size is known: the file is parsed.
    const task = startTask(call, 'automatedtestimport', 'Importing result nodes.', {
      // One element for the run, one per result node.
      total: flat.length + 1,
      step: (done) => {
        if (done === 0) {
          runs.insert(run);
          return 1;
        }
        const end = Math.min(flat.length, done - 1 + NODES_PER_TICK);
        for (let i = done - 1; i < end; i++) {
          const { node, parent } = flat[i]!;
          nodeCol.insert({
            Id: ids.get(node)!,
            [nodes.runKey]: runId,
            ParentId: parent ? ids.get(parent)! : null,
            Name: node.name,
            // The failure (or skip) reason from the file.
            Description: node.message,
            Notes: null,
            Status: node.status,
            Iteration: 1,
            StartedAt: null,
            FinishedAt: null,
            DurationInSeconds: node.durationInSeconds ?? 0,
            HasChildren: node.children.length > 0,
            HasAttachments: false,
            HasIncidents: false,
          });
        }
        if (end === flat.length) runs.update(runId, { Status: parsed.status, FinishedAt: nowIso(), ...(withTotals ? { Totals: totalsOf(flat.map((f) => f.node)) } : {}) });
        return end + 1;
      },
      finished: () => `Imported ${flat.length} result nodes (${parsed.format}) into run ${runId}`,
    });
    const out = presentTask(call.engine, task, call.base);
    return json(out, 202, typeof out.Self === 'string' ? { Location: out.Self } : undefined);
  };
};
