// Deterministic data for bench/query.bench.ts: 100,000 entities (60% scripts,
// 25% requirements, 15% incidents) in 20 projects, with picklists, users and packages.
import type { QueryContext, Rec } from '../src/query/index.ts';

export const TOTAL = 100_000;
const PROJECTS = 20;
const WORDS = ['login', 'password', 'transfer', 'account', 'report', 'export', 'search', 'profile', 'payment', 'logout'];

/** Deterministic pseudo-random numbers (mulberry32), so every run sees the same data. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + Math.imul(t ^ (t >>> 14), 71 | t));
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function buildData(): Record<string, Rec[]> {
  const rand = rng(42);
  const pickOf = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]!;
  const id = (prefix: string, n: number) => `${prefix}-${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
  const projects = Array.from({ length: PROJECTS }, (_, i) => ({ Id: id('aaaaaaaa', i), Name: `Project ${i}` }));
  const picklists: Rec[] = [];
  const statuses = ['Draft', 'Approved', 'Retired', 'Open', 'Done'];
  const priorities = ['High', 'Medium', 'Low'];
  for (const p of projects) {
    statuses.forEach((Text, i) => picklists.push({ Id: `${p.Id}-st${i}`, Type: 'Statuses', Text, SortOrder: i, ProjectId: p.Id }));
    priorities.forEach((Text, i) => picklists.push({ Id: `${p.Id}-pr${i}`, Type: 'Priorities', Text, SortOrder: i, ProjectId: p.Id }));
  }
  const users = Array.from({ length: 50 }, (_, i) => ({ Id: id('bbbbbbbb', i), UserName: `user${i}`, FirstName: 'User', LastName: `${i}` }));
  const packages = projects.flatMap((p, i) => Array.from({ length: 10 }, (_, j) => ({ Id: id('cccccccc', i * 10 + j), Name: `Package ${j}`, ProjectId: p.Id, ParentId: j === 0 ? null : id('cccccccc', i * 10) })));
  const item = (n: number): Rec => {
    const project = pickOf(projects);
    return {
      Id: id('dddddddd', n),
      Name: `${pickOf(WORDS)} ${pickOf(WORDS)} case ${n}`,
      Description: `Checks the ${pickOf(WORDS)} flow`,
      ProjectId: project.Id,
      PackageId: packages[projects.indexOf(project) * 10 + Math.floor(rand() * 10)]!.Id,
      StatusId: `${project.Id}-st${Math.floor(rand() * statuses.length)}`,
      PriorityId: `${project.Id}-pr${Math.floor(rand() * priorities.length)}`,
      AssignedToId: pickOf(users).Id,
      CreatedAt: new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 365 * 86_400_000)).toISOString().replace(/\.\d+Z$/, 'Z'),
      Number: n,
      FieldValues: { Risk: Math.floor(rand() * 10) },
    };
  };
  // The 100,000 entities: 60% scripts, 25% requirements, 15% incidents.
  const scripts = Array.from({ length: TOTAL * 0.6 }, (_, n) => item(n));
  const requirements = Array.from({ length: TOTAL * 0.25 }, (_, n) => item(TOTAL + n));
  const incidents = Array.from({ length: TOTAL * 0.15 }, (_, n) => {
    const { Name, ...rest } = item(2 * TOTAL + n);
    return { ...rest, Summary: Name, IncidentNumber: n };
  });
  return { Project: projects, Picklist: picklists, User: users, ScriptPackage: packages, Script: scripts, Requirement: requirements, Incident: incidents };
}

export function contextOf(data: Record<string, Rec[]>): QueryContext {
  const index = new Map(Object.entries(data).map(([entity, recs]) => [entity, new Map(recs.map((r) => [r.Id, r]))]));
  return { lookup: (entity, id) => index.get(entity)?.get(id), all: (entity) => data[entity] ?? [], currentUser: { Id: data.User![0]!.Id, UserName: 'user0' } };
}
