// Reads NUnit (2 and 3), JUnit (and the JUnit-style XML of PHPUnit, JSUnit and others) and MSTest (.trx)
// result files into one tree of result nodes: suites hold suites and tests, each with a status, a duration
// and, for failures, the failure message.
import { parseXml, type XmlElement } from './xml.ts';

export type ResultStatus = 'Passed' | 'Failed' | 'Skipped' | 'Inconclusive';

export interface ResultTree {
  name: string;
  status: ResultStatus;
  durationInSeconds: number | null;
  message: string | null;
  children: ResultTree[];
}

export interface ParsedResults {
  /** NUnit, JUnit or MSTest, or several ("JUnit, MSTest and NUnit") for a zip of files. */
  format: string;
  roots: ResultTree[];
  status: ResultStatus;
  startedAt: string | null;
}

export class ResultFileError extends Error {
  override name = 'ResultFileError';
}

const num = (v: string | undefined): number | null => {
  if (v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

const childrenNamed = (el: XmlElement, ...names: string[]) => el.children.filter((c) => names.includes(c.name));

/** A suite passes when all its tests do; one failure fails it; only skipped children skip it. */
export function combine(statuses: ResultStatus[]): ResultStatus {
  if (statuses.includes('Failed')) return 'Failed';
  if (statuses.length && statuses.every((s) => s === 'Skipped')) return 'Skipped';
  if (statuses.includes('Inconclusive') && !statuses.includes('Passed')) return 'Inconclusive';
  return 'Passed';
}

function nunitStatus(el: XmlElement): ResultStatus | undefined {
  if (el.attrs.executed?.toLowerCase() === 'false') return 'Skipped';
  const r = (el.attrs.result ?? '').toLowerCase();
  if (['success', 'passed'].includes(r)) return 'Passed';
  if (['failure', 'failed', 'error'].includes(r)) return 'Failed';
  if (['ignored', 'skipped', 'notrunnable', 'not runnable'].includes(r)) return 'Skipped';
  if (['inconclusive', 'warning'].includes(r)) return 'Inconclusive';
  if (el.attrs.success) return el.attrs.success.toLowerCase() === 'true' ? 'Passed' : 'Failed';
  return undefined;
}

function nunitMessage(el: XmlElement): string | null {
  const holder = childrenNamed(el, 'failure', 'reason')[0];
  const msg = holder && childrenNamed(holder, 'message')[0];
  return msg ? msg.text.trim() || null : null;
}

function nunitNode(el: XmlElement): ResultTree {
  // NUnit 2 nests a suite's children in <results>; NUnit 3 puts them directly inside.
  const holders = [el, ...childrenNamed(el, 'results')];
  const kids = holders.flatMap((h) => childrenNamed(h, 'test-suite', 'test-case')).map(nunitNode);
  const status = nunitStatus(el) ?? combine(kids.map((k) => k.status));
  return {
    name: el.attrs.fullname && el.name === 'test-case' ? el.attrs.fullname : (el.attrs.name ?? el.name),
    status,
    durationInSeconds: num(el.attrs.duration ?? el.attrs.time),
    message: nunitMessage(el),
    children: kids,
  };
}

function junitCase(el: XmlElement): ResultTree {
  const failure = childrenNamed(el, 'failure', 'error')[0];
  const skipped = childrenNamed(el, 'skipped')[0];
  const status: ResultStatus = failure ? 'Failed' : skipped ? 'Skipped' : 'Passed';
  const message = failure ? (failure.attrs.message ?? failure.text.trim()) || null : skipped ? skipped.attrs.message ?? null : null;
  const cls = el.attrs.classname;
  return { name: cls ? `${cls}.${el.attrs.name ?? ''}` : (el.attrs.name ?? 'testcase'), status, durationInSeconds: num(el.attrs.time), message, children: [] };
}

function junitSuite(el: XmlElement): ResultTree {
  const kids = el.children.flatMap((c) => (c.name === 'testsuite' ? [junitSuite(c)] : c.name === 'testcase' ? [junitCase(c)] : []));
  return { name: el.attrs.name ?? 'testsuite', status: combine(kids.map((k) => k.status)), durationInSeconds: num(el.attrs.time), message: null, children: kids };
}

/** MSTest outcomes (TRX) as result statuses. */
function trxStatus(outcome: string | undefined): ResultStatus {
  const o = (outcome ?? '').toLowerCase();
  if (o === 'passed' || o === 'completed' || o === 'passedbutrunaborted') return 'Passed';
  if (['failed', 'error', 'aborted', 'timeout'].includes(o)) return 'Failed';
  if (['notexecuted', 'notrunnable', 'disconnected', 'pending'].includes(o)) return 'Skipped';
  return 'Inconclusive';
}

/** A TRX duration `hh:mm:ss.fffffff` in seconds. */
function trxSeconds(value: string | undefined): number | null {
  const m = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(value ?? '');
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
}

/** An MSTest run: one suite per test class (from the test definitions), holding its test results. */
function trxRoots(root: XmlElement): ResultTree[] {
  const classOf = new Map<string, string>();
  for (const defs of childrenNamed(root, 'TestDefinitions'))
    for (const test of childrenNamed(defs, 'UnitTest')) {
      const method = childrenNamed(test, 'TestMethod')[0];
      if (test.attrs.id && method?.attrs.className) classOf.set(test.attrs.id, method.attrs.className.split(',')[0]!.trim());
    }
  const suites = new Map<string, ResultTree>();
  for (const results of childrenNamed(root, 'Results'))
    for (const result of childrenNamed(results, 'UnitTestResult')) {
      const cls = classOf.get(result.attrs.testId ?? '') ?? root.attrs.name ?? 'MSTest';
      const error = childrenNamed(result, 'Output').flatMap((o) => childrenNamed(o, 'ErrorInfo'))[0];
      const message = error ? childrenNamed(error, 'Message')[0]?.text.trim() || null : null;
      let suite = suites.get(cls);
      if (!suite) suites.set(cls, (suite = { name: cls, status: 'Passed', durationInSeconds: 0, message: null, children: [] }));
      const seconds = trxSeconds(result.attrs.duration);
      suite.children.push({ name: `${cls}.${result.attrs.testName ?? 'test'}`, status: trxStatus(result.attrs.outcome), durationInSeconds: seconds, message, children: [] });
      suite.durationInSeconds = (suite.durationInSeconds ?? 0) + (seconds ?? 0);
    }
  for (const suite of suites.values()) suite.status = combine(suite.children.map((c) => c.status));
  return [...suites.values()];
}

export function parseResultFile(xml: string): ParsedResults {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    throw new ResultFileError(`The result file is not valid XML: ${(err as Error).message}.`);
  }
  let roots: ResultTree[];
  let format: 'NUnit' | 'JUnit' | 'MSTest';
  let startedAt: string | null = null;
  if (root.name === 'test-results' || root.name === 'test-run') {
    format = 'NUnit';
    roots = childrenNamed(root, 'test-suite').map(nunitNode);
    const date = root.attrs.date && root.attrs.time ? `${root.attrs.date}T${root.attrs.time}` : root.attrs['start-time'];
    startedAt = isoOrNull(date);
  } else if (root.name === 'testsuites' || root.name === 'testsuite') {
    format = 'JUnit';
    roots = root.name === 'testsuite' ? [junitSuite(root)] : childrenNamed(root, 'testsuite').map(junitSuite);
    startedAt = isoOrNull(childrenNamed(root, 'testsuite')[0]?.attrs.timestamp ?? root.attrs.timestamp);
  } else if (root.name === 'TestRun') {
    format = 'MSTest';
    roots = trxRoots(root);
    startedAt = isoOrNull(childrenNamed(root, 'Times')[0]?.attrs.start);
  } else {
    throw new ResultFileError(`The result file is not an NUnit, JUnit or MSTest report: its root element is <${root.name}>.`);
  }
  if (!roots.length) throw new ResultFileError(`The ${format} result file holds no test suites.`);
  return { format, roots, status: combine(roots.map((r) => r.status)), startedAt };
}

function isoOrNull(value: string | undefined): string | null {
  if (!value) return null;
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Several result files (a zip of them) as one run: their suites side by side, the earliest start. */
export function mergeResults(files: ParsedResults[]): ParsedResults {
  if (files.length === 1) return files[0]!;
  const roots = files.flatMap((f) => f.roots);
  const starts = files.map((f) => f.startedAt).filter((s): s is string => s !== null).sort();
  const formats = [...new Set(files.map((f) => f.format))].sort();
  const format = formats.length > 1 ? `${formats.slice(0, -1).join(', ')} and ${formats.at(-1)}` : formats[0]!;
  return { format, roots, status: combine(roots.map((r) => r.status)), startedAt: starts[0] ?? null };
}

/** Pre-order: every parent comes before its children. */
export function flatten(roots: ResultTree[]): { node: ResultTree; parent: ResultTree | null }[] {
  const out: { node: ResultTree; parent: ResultTree | null }[] = [];
  const walk = (node: ResultTree, parent: ResultTree | null) => {
    out.push({ node, parent });
    for (const c of node.children) walk(c, node);
  };
  for (const r of roots) walk(r, null);
  return out;
}
