// The Verifier's results (pact_ffi's JSON) as a report a person reads: per failing interaction, each
// mismatch with where it is, what the pact expects and what the provider answered.
export interface Failure {
  interaction: string;
  lines: string[];
}

interface Mismatch {
  type?: string;
  path?: string;
  expected?: unknown;
  actual?: unknown;
  mismatch?: string;
  message?: string;
}

interface Results {
  result?: boolean;
  errors?: { interaction?: string; mismatch?: { type?: string; message?: string; mismatches?: Mismatch[] } }[];
}

export function parseResults(text: string): Results | undefined {
  try {
    const r = JSON.parse(text) as Results;
    return r && typeof r === 'object' && Array.isArray(r.errors) ? r : undefined;
  } catch {
    return undefined;
  }
}

const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text);
const show = (v: unknown) => clip(typeof v === 'string' ? v : JSON.stringify(v) ?? String(v));

/** The interaction's own description (the Verifier prefixes "Verifying a pact between ... Given ... - "). */
function interactionName(raw: string | undefined): string {
  const text = raw ?? '(unnamed interaction)';
  const at = text.indexOf(' - ');
  return text.startsWith('Verifying a pact between') && at >= 0 ? text.slice(at + 3) : text;
}

export function describeFailures(r: Results): Failure[] {
  return (r.errors ?? []).map((e) => {
    const m = e.mismatch ?? {};
    const lines: string[] = [];
    if (Array.isArray(m.mismatches)) {
      for (const x of m.mismatches) {
        const where = [x.type?.replace(/Mismatch$/, '').toLowerCase(), x.path].filter(Boolean).join(' ');
        lines.push(`${where || 'mismatch'}: ${clip(x.mismatch ?? x.message ?? '')}`);
        if (x.expected !== undefined || x.actual !== undefined) lines.push(`    expected ${show(x.expected)}`, `    actual   ${show(x.actual)}`);
      }
    } else lines.push(clip(m.message ?? JSON.stringify(m), 600));
    return { interaction: interactionName(e.interaction), lines };
  });
}

export function formatReport(failures: Failure[], interactions: number): string {
  if (!failures.length) return `${interactions} interactions verified: all passed\n`;
  const out = failures.map((f) => [`✗ ${f.interaction}`, ...f.lines.map((l) => `    ${l}`)].join('\n'));
  return `${out.join('\n')}\n\n${interactions - failures.length} passed, ${failures.length} failed\n`;
}
