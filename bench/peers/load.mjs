// One load run of the side-by-side bench, in its own process (the bench pins it to the core the servers do
// not use): autocannon against one URL after a warm-up, every latency kept (autocannon's own histogram has
// whole-millisecond buckets). Prints one JSON line: req/s, p50/p99 in ms, errors, and how busy this process
// was (near 1.0 would mean the load generator, not the server, set the pace).
import autocannon from 'autocannon';

const o = JSON.parse(process.argv[2]);
let n = 0;
const request = {
  method: o.method,
  path: o.path,
  headers: o.headers,
};
// A different body per request where the template asks for one (POSTs of distinct names); a different path
// where it asks for one of `vary` values (`{i}` decimal, `{hex12}` as the bench's package ids end).
const fill = (path, i) => path.replace('{i}', String(i)).replace('{hex12}', i.toString(16).padStart(12, '0'));
if (o.body || o.vary)
  request.setupRequest = (req) => {
    const i = n++;
    return { ...req, ...(o.vary ? { path: fill(o.path, i % o.vary) } : {}), ...(o.body ? { body: o.body.replace('{n}', `${process.pid}-${i}`) } : {}) };
  };
// `amount` (a number of requests instead of a duration) is for a target too slow to finish a request per
// connection within a run; the timeout is long for the same reason.
const run = (duration, latencies) =>
  new Promise((resolve, reject) => {
    const length = o.amount && latencies ? { amount: o.amount } : { duration };
    const instance = autocannon({ url: o.origin, connections: o.connections, pipelining: 1, timeout: 120, ...length, requests: [request] }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    if (latencies) instance.on('response', (_client, status, _bytes, ms) => status < 400 && latencies.push(ms));
  });

let warmed = 0;
if (o.warmup) warmed = (await run(o.warmup)).requests.total;
const latencies = [];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const res = await run(o.duration, latencies);
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
console.log(
  JSON.stringify({
    rps: (res.requests.total / wall) * 1000,
    // Every request sent, warm-up included, for the server's CPU time per request.
    requests: warmed + res.requests.total,
    p50: at(0.5),
    p99: at(0.99),
    non2xx: res.non2xx,
    errors: res.errors + res.timeouts,
    loadCpu: (cpu.user + cpu.system) / 1000 / wall,
  }),
);
