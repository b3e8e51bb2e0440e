// Summarises a V8 CPU profile (node --cpu-prof): self time per function and per file, and total (inclusive)
// time of the functions that match an optional pattern. `node bench/peers/profile.mjs FILE.cpuprofile [N] [PATTERN]`
import { readFileSync } from 'node:fs';

const [file, topArg = '30', pattern] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = new Map();
for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
const total = [...dt.values()].reduce((a, b) => a + b, 0);
const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
const self = new Map();
const files = new Map();
for (const n of profile.nodes) {
  const t = dt.get(n.id) ?? 0;
  self.set(label(n), (self.get(label(n)) ?? 0) + t);
  const f = n.callFrame.url.replace(/^.*\/(node_modules\/[^/]+|src\/[^/]+\/[^/]+|src)\/.*$/, '$1') || `(${n.callFrame.functionName})`;
  files.set(f, (files.get(f) ?? 0) + t);
}
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const pct = (t) => `${((t / total) * 100).toFixed(1).padStart(5)}%`;
const show = (title, m) => {
  console.log(`\n${title}`);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg))) console.log(`${pct(t)}  ${k}`);
};
console.log(`total ${(total / 1000).toFixed(0)} ms in ${profile.samples.length} samples`);
show('self time by function', self);
show('self time by file', files);
if (pattern) {
  // Inclusive time of matching frames (each sample counted once per matching function).
  const re = new RegExp(pattern);
  const incl = new Map();
  for (const n of profile.nodes) {
    const t = dt.get(n.id) ?? 0;
    if (!t) continue;
    const seen = new Set();
    for (let id = n.id; id !== undefined; id = parent.get(id)) {
      const l = label(byId.get(id));
      if (re.test(l) && !seen.has(l)) (seen.add(l), incl.set(l, (incl.get(l) ?? 0) + t));
    }
  }
  show(`total time of frames matching /${pattern}/`, incl);
}
if (process.env.TREE) {
  // Top-down call tree under the first frames matching TREE (merged by name along the path), inclusive time,
  // down to DEPTH levels and branches of at least MIN percent.
  const re = new RegExp(process.env.TREE);
  const depth = Number(process.env.DEPTH ?? 6);
  const min = Number(process.env.MIN ?? 0.5);
  const inclusive = new Map();
  const incl = (n) => {
    if (inclusive.has(n.id)) return inclusive.get(n.id);
    let t = dt.get(n.id) ?? 0;
    for (const c of n.children ?? []) t += incl(byId.get(c));
    inclusive.set(n.id, t);
    return t;
  };
  const roots = [];
  const find = (n) => (re.test(label(n)) ? roots.push(n) : (n.children ?? []).forEach((c) => find(byId.get(c))));
  find(profile.nodes[0]);
  const merge = (nodes) => {
    const m = new Map();
    for (const n of nodes) {
      const e = m.get(label(n)) ?? m.set(label(n), { t: 0, kids: [] }).get(label(n));
      e.t += incl(n);
      for (const c of n.children ?? []) e.kids.push(byId.get(c));
    }
    return [...m].sort((a, b) => b[1].t - a[1].t);
  };
  const print = (nodes, d) => {
    if (d > depth) return;
    for (const [l, e] of merge(nodes)) {
      if ((e.t / total) * 100 < min) continue;
      console.log(`${pct(e.t)} ${'  '.repeat(d)}${l}`);
      print(e.kids, d + 1);
    }
  };
  console.log(`\ncall tree under /${process.env.TREE}/`);
  print(roots, 0);
}
