// The replay's numbers: the headline (statuses, bodies, errors) and one line per class of defect, each
// counted over the examples that document something of that class.
import { CLASSES, type DiffClass } from './compare.ts';
import type { ReplayOutcome, ReplayReport } from './replay.ts';

export interface ClassCount {
  class: DiffClass;
  /** Examples that document something of this class. */
  of: number;
  ok: number;
}

export interface Summary {
  examples: number;
  skipped: number;
  statuses: { ok: number; of: number };
  /** Documented bodies (error answers included) the fake answers the same, volatile values aside. */
  bodies: { ok: number; of: number };
  /** Documented error answers with the same status and Message. */
  errors: { ok: number; of: number };
  classes: ClassCount[];
  byMethod: Record<string, { ok: number; of: number }>;
  differing: { method: string; url: string; title: string; source: string; differences: ReplayOutcome['differences'] }[];
}

/** Whether an example documents something the class is about. */
const DOCUMENTS: Record<DiffClass, (o: ReplayOutcome) => boolean> = {
  statuses: () => true,
  errors: (o) => o.expectedStatus >= 400,
  location: (o) => o.documents.location,
  'content-type': (o) => o.documents.contentType,
  links: (o) => o.documents.links,
  envelopes: (o) => o.documents.envelope,
  expands: (o) => o.documents.expands,
  inheritance: (o) => o.documents.create,
  ordering: (o) => o.documents.ordering,
  fields: (o) => o.bodyMatches !== undefined,
  values: (o) => o.bodyMatches !== undefined,
};

export function summarise(report: ReplayReport): Summary {
  const { outcomes } = report;
  const count = (list: ReplayOutcome[], ok: (o: ReplayOutcome) => boolean) => ({ ok: list.filter(ok).length, of: list.length });
  const withBody = outcomes.filter((o) => o.bodyMatches !== undefined);
  const errors = outcomes.filter((o) => o.expectedStatus >= 400);
  const byMethod: Summary['byMethod'] = {};
  for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
    const of = outcomes.filter((o) => o.method === m);
    if (of.length) byMethod[m] = count(of, (o) => !o.differences.length);
  }
  return {
    examples: outcomes.length,
    skipped: report.skipped,
    statuses: count(outcomes, (o) => o.status === o.expectedStatus),
    bodies: count(withBody, (o) => o.bodyMatches === true),
    errors: count(errors, (o) => !o.differences.some((d) => d.class === 'errors' || d.where === 'status')),
    classes: CLASSES.map((c) => {
      const of = outcomes.filter(DOCUMENTS[c]);
      return { class: c, of: of.length, ok: of.filter((o) => !o.differences.some((d) => d.class === c)).length };
    }),
    byMethod,
    differing: outcomes.filter((o) => o.differences.length).map(({ method, url, title, source, differences }) => ({ method, url, title, source, differences })),
  };
}

/** How the text report names each class. */
const LABELS: Record<DiffClass, string> = {
  statuses: 'statuses',
  errors: 'errors (status + Message)',
  location: '201 and Location',
  'content-type': 'Content-Type',
  links: 'links (Self, Links, EditLink)',
  envelopes: 'collection envelopes',
  expands: 'Expands and expansions',
  fields: 'fields (required, null, extra)',
  inheritance: 'creation inheritance',
  ordering: 'ordering (OrderNumbers, ties)',
  values: 'other values',
};

const pct = ({ ok, of }: { ok: number; of: number }) => (of ? `${((100 * ok) / of).toFixed(1)}%` : '-');
const line = (label: string, n: { ok: number; of: number }) => `${label.padEnd(34)} ${String(n.ok).padStart(4)} of ${String(n.of).padEnd(4)} ${pct(n).padStart(6)}`;

/** The report as text: headline, per class, per method, then each differing example with its differences. */
export function formatSummary(s: Summary, o: { details?: boolean } = {}): string {
  const lines = [
    `${s.examples} documented examples replayed, each in its own sandbox (${s.skipped} without every path parameter skipped)`,
    line('statuses as documented', s.statuses),
    line('bodies as documented (errors too)', s.bodies),
    line('error answers (status + Message)', s.errors),
    '',
    'per class (examples that document it: answered alike)',
    ...s.classes.map((c) => line(`  ${LABELS[c.class]}`, c)),
    '',
    'per method (examples answered alike in every respect)',
    ...Object.entries(s.byMethod).map(([m, n]) => line(`  ${m}`, n)),
  ];
  if (o.details !== false && s.differing.length) {
    lines.push('', 'examples that differ:');
    for (const d of s.differing) {
      lines.push(`  ${d.method} ${d.url}  (${d.title}; ${d.source})`);
      for (const f of d.differences.slice(0, 6)) lines.push(`    [${f.class}] ${f.where}: documented ${JSON.stringify(f.expected)}, answered ${JSON.stringify(f.actual)}`);
      if (d.differences.length > 6) lines.push(`    ... ${d.differences.length - 6} more`);
    }
  }
  return lines.join('\n');
}
