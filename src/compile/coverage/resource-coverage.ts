// Which of ET's resources (the help site's navigation list) docs-spec/ documents.
import type { ResourceDoc } from '../model.ts';

export interface ResourceCoverage {
  resources: string[];
  documented: string[];
  missing: string[];
}

/** The resource entries of the navigation: after the 'Resources' entry, up to the first repeated entry. */
export function etResourceNames(navigation: string[]): string[] {
  const start = navigation.indexOf('Resources');
  if (start < 0) return [];
  const out: string[] = [];
  for (const name of navigation.slice(start + 1)) {
    if (out.includes(name)) break;
    out.push(name);
  }
  return out;
}

/** 'Resources / Script', 'Script (Resources)' and 'Script' name the same resource. */
export const normaliseResourceName = (name: string) =>
  name.toLowerCase().replace(/^(api \/ )?(resources \/ )+/, '').replace(/\(resources\)/g, '').replace(/#\d+/g, '')
    .replace(/'s\b/g, 's').replace(/[^a-z0-9]+/g, ' ').trim();

export function resourceCoverage(navigation: string[], resources: ResourceDoc[]): ResourceCoverage {
  const names = etResourceNames(navigation);
  const documented = new Set(resources.map((r) => normaliseResourceName(r.name)));
  return {
    resources: names,
    documented: names.filter((n) => documented.has(normaliseResourceName(n))),
    missing: names.filter((n) => !documented.has(normaliseResourceName(n))),
  };
}
