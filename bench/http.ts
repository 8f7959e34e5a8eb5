// Authenticated trivial GET (session lookup + permission check, no audit) against a real server process,
// on PostgreSQL and on embedded PGlite. Baseline in the same run: the public /api/health (one round trip).
// Usage: npx tsx bench/http.ts [--seconds 10] [--runs 3] [--connections 50]
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
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

async function measure(url: string, path: string, headers: Record<string, string>) {
  await autocannon({ url: url + path, connections, duration: 2, headers }); // warm-up
  const results = [];
  for (let i = 0; i < runs; i++)
    results.push(await autocannon({ url: url + path, connections, duration: seconds, headers }));
  const bad = results.reduce((n, r) => n + r.non2xx + r.errors, 0);
  if (bad) throw new Error(`${bad} failed requests on ${path}`);
  return {
    rps: median(results.map((r) => r.requests.average)),
    p50: median(results.map((r) => r.latency.p50)),
    p99: median(results.map((r) => r.latency.p99)),
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
    const authed = await measure(server.url, '/api/auth/me', { cookie });
    const baseline = await measure(server.url, '/api/health', {});
    const common = { bench: 'http', db, connections, seconds, runs };
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
emit({ bench: 'http', summary: 'pglite/postgres', ratio: +(onPglite / onPostgres).toFixed(2) });
