// Patient search, 360° reads and writes at scale, through a real `carebridge serve` process.
// Seeds N demo patients with `carebridge seed` (skipped with --reuse), then measures per kind of query,
// one request at a time (latency, not throughput): p50 / p95 in ms, client-side, with the public
// /api/health round trip measured in the same run as the floor.
// Usage: npx tsx bench/patients.ts [--db postgres|pglite] [--patients 1000000] [--samples 200]
//        [--reuse postgres://…/db | --reuse /path/to/data-dir]   (a database seeded by an earlier run)
import { parseArgs } from 'node:util';
import { openDb } from '@carebridge/db';
import { idCardCheckDigit } from '@carebridge/domain';
import { createPersonalDataCipher } from '../apps/server/src/platform/crypto/personal-data';
import { runCli } from '../apps/server/src/testing/server-process';
import { emit, median, removeDir, scratchDir, scratchPostgres, startServer } from './lib';

/** What this run created and removes at the end (a reused database is left alone). */
const cleanups: (() => Promise<unknown>)[] = [];

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    patients: { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '200' },
    reuse: { type: 'string' },
    seed: { type: 'string', default: '42' },
  },
});
const kind = values.db as 'postgres' | 'pglite';
const samples = Number(values.samples);
const DEMO = 'bench-demo-password';
// The personal-data key of the benchmark's database (BENCH_DATA_KEY to reuse one seeded with another key).
const KEY = process.env.BENCH_DATA_KEY ?? Buffer.alloc(32, 42).toString('base64');
const RUN = Math.floor(Math.random() * 1000);

async function prepareDatabase(): Promise<{ env: Record<string, string>; sqlUrl: string | null }> {
  if (kind === 'postgres') {
    const scratch = values.reuse ? null : await scratchPostgres('cb_bench_patients');
    if (scratch) cleanups.push(() => scratch.drop());
    const url = values.reuse ?? scratch!.url;
    const env = {
      DATABASE_URL: url,
      CAREBRIDGE_DATA_KEY: KEY,
      CAREBRIDGE_DEMO: '1',
      CAREBRIDGE_DEMO_PASSWORD: DEMO,
    };
    if (!values.reuse) await seed(env);
    return { env, sqlUrl: url };
  }
  const dir = values.reuse ?? scratchDir();
  if (!values.reuse) cleanups.push(() => Promise.resolve(removeDir(dir)));
  const env = {
    CAREBRIDGE_DATA_DIR: dir,
    CAREBRIDGE_DATA_KEY: KEY,
    CAREBRIDGE_DEMO: '1',
    CAREBRIDGE_DEMO_PASSWORD: DEMO,
  };
  if (!values.reuse) await seed(env);
  return { env, sqlUrl: null };
}

async function seed(env: Record<string, string>) {
  const started = Date.now();
  const r = await runCli(['seed', '--patients', values.patients, '--seed', values.seed], env);
  if (r.code !== 0) throw new Error(`seed failed:\n${r.stdout}\n${r.stderr}`);
  emit({
    bench: 'patients',
    step: 'seed',
    db: kind,
    patients: Number(values.patients),
    seconds: (Date.now() - started) / 1000,
  });
}

interface SampleRow {
  id: string;
  name: string;
  name_pinyin: string;
  name_initials: string;
  id_card_cipher: string | null;
  phone_cipher: string;
  mrn: string | null;
}

interface Sample {
  name: string;
  pinyin: string;
  initials: string;
  phone: string;
  idCard: string | null;
  mrn: string | null;
  id: string;
}

/** Random real patients, read through the API's own data path (SQL + the data key for the numbers). */
async function pickSamples(query: (text: string) => Promise<SampleRow[]>, key: Buffer): Promise<Sample[]> {
  const cipher = createPersonalDataCipher(key);
  const rows = await query(`
    select p.id, p.name, p.name_pinyin, p.name_initials, p.id_card_cipher, ph.cipher as phone_cipher,
      (select value from patient_identifiers i where i.patient_id = p.id and i.kind = 'mrn' limit 1) as mrn
    from patients p tablesample system (5) join patient_phones ph on ph.patient_id = p.id and ph.is_primary
    where p.merged_into is null and p.erased_at is null limit 2000`);
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      pinyin: r.name_pinyin,
      initials: r.name_initials,
      phone: cipher.decrypt(r.phone_cipher),
      idCard: r.id_card_cipher ? cipher.decrypt(r.id_card_cipher) : null,
      mrn: r.mrn,
    }))
    .sort(() => Math.random() - 0.5);
}

async function timed(fn: () => Promise<void>, n: number): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < n + 10; i++) {
    const t0 = performance.now();
    await fn();
    if (i >= 10) times.push(performance.now() - t0); // the first 10 warm caches and the JIT
  }
  times.sort((a, b) => a - b);
  return { p50: round(median(times)), p95: round(times[Math.floor(times.length * 0.95)]!) };
}
const round = (x: number) => Math.round(x * 10) / 10;

async function main() {
  const { env, sqlUrl } = await prepareDatabase();
  // Samples first: embedded PGlite admits one process at a time, and the server will hold it.
  const key = Buffer.from(KEY, 'base64');
  const database = await openDb(sqlUrl ? { url: sqlUrl } : { dataDir: env.CAREBRIDGE_DATA_DIR! });
  const people = await pickSamples(
    async (text) => (await database.pool.query<SampleRow>(text)).rows,
    key,
  ).finally(() => database.close());
  const server = await startServer('serve', env);
  try {
    const { cookie, csrf } = await signIn(server.url);
    const get = async (path: string) => {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    const cycle = <T>(xs: T[]) => {
      if (xs.length === 0) throw new Error('no samples of this kind');
      let i = 0;
      return () => xs[i++ % xs.length]!;
    };
    const byLength = (n: number) => people.filter((p) => [...p.name].length === n);
    const kinds: [string, () => string][] = [
      [
        'name, 2 characters',
        (
          (c) => () =>
            c().name
        )(cycle(byLength(2))),
      ],
      [
        'name, 3 characters',
        (
          (c) => () =>
            c().name
        )(cycle(byLength(3))),
      ],
      [
        'full pinyin',
        (
          (c) => () =>
            c().pinyin
        )(cycle(people)),
      ],
      [
        'initials',
        (
          (c) => () =>
            c().initials
        )(cycle(people)),
      ],
      [
        'phone, last 4 digits',
        (
          (c) => () =>
            c().phone.slice(-4)
        )(cycle(people)),
      ],
      [
        'phone, full',
        (
          (c) => () =>
            c().phone
        )(cycle(people)),
      ],
      [
        'ID-card number',
        (
          (c) => () =>
            c().idCard!
        )(cycle(people.filter((p) => p.idCard))),
      ],
      [
        'record number',
        (
          (c) => () =>
            c().mrn!
        )(cycle(people.filter((p) => p.mrn))),
      ],
    ];
    const base = { bench: 'patients', db: kind, patients: Number(values.patients) };
    emit({ ...base, route: 'GET /api/health (floor)', ...(await timed(() => get('/api/health'), samples)) });
    for (const [label, next] of kinds) {
      const r = await timed(() => get(`/api/patients?q=${encodeURIComponent(next())}&limit=20`), samples);
      emit({ ...base, query: label, ...r, targetP95Ms: 50 });
    }
    const ids = cycle(people.map((p) => p.id));
    const r360 = await timed(async () => {
      const id = ids();
      await get(`/api/patients/${id}/summary`);
      await get(`/api/patients/${id}/timeline?limit=50`);
    }, samples);
    emit({ ...base, route: 'summary + first timeline page', ...r360, targetP95Ms: 50 });
    await writes(server.url, cookie, csrf);
  } finally {
    await server.stop();
  }
}

async function signIn(url: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'service_agent', password: DEMO }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('cb_session='))!
    .split(';')[0]!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function writes(url: string, cookie: string, csrf: string) {
  const h = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
  let n = 0;
  const created: { id: string; version: number }[] = [];
  const create = await timed(async () => {
    n++;
    // Unique per run: a birth date per call (from 1950 on) and a run-specific sequence number.
    const born = new Date(Date.UTC(1950, 0, 1) + n * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .replaceAll('-', '');
    const first17 = `110105${born}${String(RUN % 1000).padStart(3, '0')}`;
    const body = {
      name: '测试患者',
      gender: 'unknown',
      idCard: first17 + idCardCheckDigit(first17),
      phones: [{ number: `137${String((RUN * 10_000 + n) % 1e8).padStart(8, '0')}`, kind: 'mobile' }],
    };
    const res = await fetch(`${url}/api/patients`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
    created.push((await res.json()) as { id: string; version: number });
  }, samples);
  emit({ bench: 'patients', db: kind, route: 'POST /api/patients', ...create, targetP95Ms: 20 });
  let i = 0;
  const update = await timed(async () => {
    const p = created[i++ % created.length]!;
    const res = await fetch(`${url}/api/patients/${p.id}`, {
      method: 'PATCH',
      headers: h,
      body: JSON.stringify({ occupation: `职员${i}`, tags: ['基准'] }),
    });
    if (!res.ok) throw new Error(`update: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }, samples);
  emit({ bench: 'patients', db: kind, route: 'PATCH /api/patients/{id}', ...update, targetP95Ms: 20 });
}

try {
  await main();
} finally {
  for (const cleanup of cleanups) await cleanup();
}
