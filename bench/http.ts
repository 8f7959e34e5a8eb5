// Authenticated trivial GET (session lookup + permission check, no audit) against a real server process,
// on PostgreSQL and on embedded PGlite. Baseline in the same run: the public /api/health (one round trip).
// Load comes from wrk (Debian package `wrk`, C, light on CPU) when installed, else from autocannon (Node,
// which takes a good share of the 2 cores itself); the output names the generator.
// Usage: npx tsx bench/http.ts [--seconds 10] [--runs 3] [--connections 50]
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { emit, login, median, removeDir, scratchDir, scratchPostgres, startServer } from './lib';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
  },
});
const seconds = Number(values.seconds);
const runs = Number(values.runs);
const connections = Number(values.connections);
const DEMO = 'bench-demo-password';
const hasWrk = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as { status?: number }).status === 1; // wrk --version exits 1 after printing it
  }
})();
const generator = hasWrk ? 'wrk' : 'autocannon';

interface Run {
  rps: number;
  p50: number;
  p99: number;
  failed: number;
}

function wrk(url: string, headers: Record<string, string>, duration: number): Run {
  const args = ['-t1', `-c${connections}`, `-d${duration}s`, '--latency', url];
  for (const [k, v] of Object.entries(headers)) args.unshift('-H', `${k}: ${v}`);
  const out = execFileSync('wrk', args).toString();
  const ms = (p: string) => {
    const m = new RegExp(`${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!m) return NaN;
    return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2] as 'us' | 'ms' | 's'];
  };
  const failed =
    Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) +
    Number(/Socket errors: .*?(\d+)/.exec(out)?.[1] ?? 0);
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)![1]), p50: ms('50'), p99: ms('99'), failed };
}

async function cannon(url: string, headers: Record<string, string>, duration: number): Promise<Run> {
  const r = await autocannon({ url, connections, duration, headers });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, failed: r.non2xx + r.errors };
}

async function measure(url: string, headers: Record<string, string>) {
  const load = (d: number) => (hasWrk ? Promise.resolve(wrk(url, headers, d)) : cannon(url, headers, d));
  await load(2); // warm-up
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) results.push(await load(seconds));
  const failed = results.reduce((n, r) => n + r.failed, 0);
  if (failed) throw new Error(`${failed} failed requests on ${url}`);
  return {
    rps: median(results.map((r) => r.rps)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
  };
}

async function benchOn(db: 'postgres' | 'pglite') {
  const pgDb = db === 'postgres' ? await scratchPostgres('cb_bench_http') : null;
  const dir = db === 'pglite' ? scratchDir() : null;
  const env: Record<string, string> = {
    CAREBRIDGE_ADMIN_PASSWORD: 'bench-admin-password',
    CAREBRIDGE_DEMO: '1',
    CAREBRIDGE_DEMO_PASSWORD: DEMO,
    ...(pgDb ? { DATABASE_URL: pgDb.url } : { CAREBRIDGE_DATA_DIR: dir! }),
  };
  const server = await startServer('serve', env);
  try {
    const cookie = await login(server.url, 'service_agent', DEMO);
    const authed = await measure(`${server.url}/api/auth/me`, { cookie });
    const baseline = await measure(`${server.url}/api/health`, {});
    const common = { bench: 'http', db, generator, connections, seconds, runs };
    emit({
      ...common,
      route: 'GET /api/health (baseline, public)',
      rps: Math.round(baseline.rps),
      p50Ms: baseline.p50,
      p99Ms: baseline.p99,
    });
    emit({
      ...common,
      route: 'GET /api/auth/me (session + permission)',
      rps: Math.round(authed.rps),
      p50Ms: authed.p50,
      p99Ms: authed.p99,
      ratioToBaseline: +(authed.rps / baseline.rps).toFixed(2),
    });
    return authed.rps;
  } finally {
    await server.stop();
    await pgDb?.drop();
    if (dir) removeDir(dir);
  }
}

const onPostgres = await benchOn('postgres');
const onPglite = await benchOn('pglite');
emit({
  bench: 'http',
  generator,
  summary: 'authenticated GET, pglite/postgres',
  ratio: +(onPglite / onPostgres).toFixed(2),
});
