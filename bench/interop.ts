// Data in: FHIR R4 bundles (4 concurrent clients), CSV patient rows (a background import), HL7 v2 over one
// MLLP connection; each into a real `carebridge all` process on a fresh database, then the same data again
// (re-import: 0 new rows), and for each the ceiling measured in the same run: the rows the import wrote,
// copied with a bare binary COPY into empty copies of the same tables (indexes included).
// Usage: npx tsx bench/interop.ts [--db postgres|pglite] [--csv-rows 1000000] [--hl7 20000] [--fhir-rounds 3]
//        [--only fhir,csv,hl7] [--csv-mode bulk|incremental]
// The CSV file goes in as the go-live bulk load by default (--csv-mode incremental: batch by batch).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { to as copyTo, from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Writable, Readable } from 'node:stream';
import { idCardCheckDigit } from '@carebridge/domain';
import { connectMllp } from '../apps/server/src/modules/interop/mllp/mllp-client';
import { sharedFiles } from '../apps/server/src/testing/shared-data';
import { emit, median, removeDir, scratchDir, scratchPostgres, startServer } from './lib';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    'csv-rows': { type: 'string', default: '1000000' },
    hl7: { type: 'string', default: '20000' },
    'fhir-rounds': { type: 'string', default: '3' },
    only: { type: 'string', default: 'fhir,csv,hl7' },
    'csv-mode': { type: 'string', default: 'bulk' },
  },
});
const kind = values.db as 'postgres' | 'pglite';
const only = new Set(values.only.split(','));
const KEY = Buffer.alloc(32, 42).toString('base64');
const ADMIN_PASSWORD = 'Bench-Admin-2026';
const MLLP_PORT = 21000 + Math.floor(Math.random() * 2000);
/** Tables an import writes (what the ceiling copies). */
const TABLES = [
  'patients',
  'patient_phones',
  'patient_identifiers',
  'mpi_match_keys',
  'encounters',
  'diagnoses',
  'results',
  'medications',
  'allergies',
  'procedures',
  'charges',
  'appointments',
  'inbound_messages',
];

const cleanups: (() => Promise<unknown>)[] = [];

async function main() {
  const { env, sqlUrl } = await prepareDatabase();
  const server = await startServer('all', env);
  cleanups.push(() => server.stop());
  const session = await signIn(server.url);
  try {
    if (only.has('fhir')) await fhirBench(server.url, session, sqlUrl);
    if (only.has('hl7')) await hl7Bench(sqlUrl);
    if (only.has('csv')) await csvBench(server.url, session, sqlUrl);
  } catch (error) {
    process.stderr.write(server.output());
    throw error;
  }
}

async function prepareDatabase() {
  const base = {
    CAREBRIDGE_DATA_KEY: KEY,
    CAREBRIDGE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    CAREBRIDGE_DEMO: '0',
    CAREBRIDGE_MLLP: '1',
    CAREBRIDGE_MLLP_PORT: String(MLLP_PORT),
    CAREBRIDGE_BODY_LIMIT_BYTES: String(64 * 1024 * 1024),
  };
  if (kind === 'postgres') {
    const scratch = await scratchPostgres('cb_bench_interop');
    cleanups.push(() => scratch.drop());
    return { env: { ...base, DATABASE_URL: scratch.url }, sqlUrl: scratch.url as string | null };
  }
  const dir = scratchDir();
  cleanups.push(() => Promise.resolve(removeDir(dir)));
  return { env: { ...base, CAREBRIDGE_DATA_DIR: dir }, sqlUrl: null };
}

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(url: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('cb_session='))!
    .split(';')[0]!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

// ---------------------------------------------------------------------------------------------------
// FHIR

/** Synthea bundles with every id made new for a round, so each round creates rather than finds. */
function roundOf(texts: string[], round: number): string[] {
  if (round === 0) return texts;
  const suffix = round.toString(16).padStart(4, '0');
  // UUIDs end in 12 hex digits: the last 4 are replaced, consistently across references.
  return texts.map((t) =>
    t.replace(/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{8})[0-9a-f]{4}/g, `$1${suffix}`),
  );
}

async function fhirBench(url: string, s: Session, sqlUrl: string | null) {
  const texts = sharedFiles('synthea-r4', '.json').map((f) => readFileSync(f, 'utf8'));
  const resources = texts.reduce((n, t) => n + (JSON.parse(t) as { entry: unknown[] }).entry.length, 0);
  const rounds = Number(values['fhir-rounds']);
  const rates: number[] = [];
  let seconds = 0;
  const before = sqlUrl ? await countRows(sqlUrl) : 0;
  for (let round = 0; round < rounds; round++) {
    const run = await postBundles(url, s, roundOf(texts, round + 1));
    rates.push(resources / run.seconds);
    seconds += run.seconds;
    emit({
      bench: 'interop',
      db: kind,
      source: 'fhir',
      round,
      resources,
      clients: 4,
      seconds: round3(run.seconds),
      resourcesPerSecond: Math.round(resources / run.seconds),
      counts: run.counts,
    });
  }
  const rowsWritten = sqlUrl ? (await countRows(sqlUrl)) - before : 0;
  const again = await postBundles(url, s, roundOf(texts, 1));
  const ceiling = sqlUrl ? await copyCeiling(sqlUrl) : null;
  const importRowsPerSecond = rowsWritten / seconds;
  emit({
    bench: 'interop',
    db: kind,
    source: 'fhir',
    resourcesPerSecond: Math.round(median(rates)),
    targetResourcesPerSecond: 1500,
    rowsPerSecond: Math.round(importRowsPerSecond),
    reimport: {
      created: again.counts.created,
      updated: again.counts.updated,
      unchanged: again.counts.unchanged,
      seconds: round3(again.seconds),
    },
    ...(ceiling ? ceilingFields(ceiling, importRowsPerSecond) : {}),
  });
}

async function postBundles(url: string, s: Session, bundles: string[]) {
  const queue = [...bundles];
  const counts: Record<string, number> = {};
  const started = performance.now();
  const client = async () => {
    for (let body = queue.shift(); body; body = queue.shift()) {
      const res = await fetch(`${url}/fhir/R4`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/fhir+json' },
        body,
      });
      if (res.status !== 200) throw new Error(`FHIR POST ${res.status}: ${(await res.text()).slice(0, 300)}`);
      await res.arrayBuffer();
      const c = JSON.parse(res.headers.get('x-carebridge-import') ?? '{}') as Record<string, unknown>;
      for (const [k, v] of Object.entries(c)) if (typeof v === 'number') counts[k] = (counts[k] ?? 0) + v;
    }
  };
  await Promise.all([client(), client(), client(), client()]);
  return {
    seconds: (performance.now() - started) / 1000,
    counts: counts as { created: number; updated: number; unchanged: number },
  };
}

// ---------------------------------------------------------------------------------------------------
// HL7 v2 over MLLP

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥玲芬燕彬鹏辉浩宇欣怡子涵梓轩一诺雨桐思远建国志强海燕晓东春梅丹丹文博宏伟佳琪嘉怡俊杰',
];
const REGIONS = ['110105', '310104', '440106', '330106', '510107', '420106', '320102', '370102'];

/** A generated person: deterministic from its number, valid ID and mobile numbers, realistic name mix. */
function person(i: number) {
  let x = (i * 2654435761) >>> 0;
  const next = (n: number) => {
    x = (Math.imul(x ^ (x >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
    return x % n;
  };
  const name =
    SURNAMES[next(SURNAMES.length)]! +
    GIVEN[next(GIVEN.length)]! +
    (next(3) ? GIVEN[next(GIVEN.length)]! : '');
  const year = 1940 + next(80);
  const month = 1 + next(12);
  const day = 1 + next(28);
  const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  const male = next(2) === 0;
  const seq = String((i % 500) * 2 + (male ? 1 : 0)).padStart(3, '0');
  const body = `${REGIONS[next(REGIONS.length)]}${birth}${seq}`;
  const idCard = body + idCardCheckDigit(body);
  const mobile = `1${['38', '39', '50', '58', '86', '88'][next(6)]}${String(i).padStart(8, '0')}`;
  return {
    name,
    birth,
    gender: male ? 'M' : 'F',
    genderZh: male ? '男' : '女',
    idCard,
    mobile,
    mrn: `MZ${String(i).padStart(9, '0')}`,
  };
}

function hl7Message(i: number): string {
  const p = person(i);
  const ts = '20261115093000';
  const msh = (type: string) => `MSH|^~\\&|HIS|HOSP|CAREBRIDGE|CB|${ts}||${type}|BENCH-${i}|P|2.5`;
  const pid = `PID|1||${p.mrn}^^^HOSP^MR||${p.name.slice(0, 1)}^${p.name.slice(1)}||${p.birth}|${p.gender}|||||^PRN^CP^^^${p.mobile.slice(0, 3)}^${p.mobile.slice(3)}`;
  if (i % 2 === 0)
    return [
      msh('ADT^A04^ADT_A01'),
      'EVN|A04|' + ts,
      pid,
      `PV1|1|O|NK^101^1||||D01^王^医生|||||||||||||V${i}`,
    ].join('\r');
  return [
    msh('ORU^R01^ORU_R01'),
    pid,
    `OBR|1|L${i}|F${i}|GLU^血糖|||${ts}|||||||||||||||${ts}||CH|F`,
    `OBX|1|NM|GLU^空腹血糖||${(4 + (i % 60) / 10).toFixed(1)}|mmol/L|3.9-6.1|${i % 60 > 21 ? 'H' : 'N'}|||F`,
    `OBX|2|NM|TC^总胆固醇||${(3 + (i % 40) / 10).toFixed(1)}|mmol/L|2.8-5.2|${i % 40 > 22 ? 'H' : 'N'}|||F`,
  ].join('\r');
}

async function hl7Bench(sqlUrl: string | null) {
  const n = Number(values.hl7);
  const messages = Array.from({ length: n }, (_, i) => hl7Message(i));
  const client = await connectMllp({ port: MLLP_PORT, ackTimeoutMs: 120_000 });
  const send = async () => {
    const started = performance.now();
    const acks = await client.sendMany(messages, { window: 1000 });
    const seconds = (performance.now() - started) / 1000;
    const refused = acks.filter((a) => !/MSA\|AA/.test(a)).length;
    return { seconds, refused };
  };
  const first = await send();
  const rowsBefore = sqlUrl ? await countRows(sqlUrl) : null;
  const again = await send();
  const rowsAfter = sqlUrl ? await countRows(sqlUrl) : null;
  await client.close();
  const ceiling = sqlUrl ? await copyCeiling(sqlUrl) : null;
  const rowsWritten = rowsBefore ?? 0;
  emit({
    bench: 'interop',
    db: kind,
    source: 'hl7',
    messages: n,
    connections: 1,
    seconds: round3(first.seconds),
    messagesPerSecond: Math.round(n / first.seconds),
    targetMessagesPerSecond: 1000,
    refused: first.refused,
    reimport: {
      seconds: round3(again.seconds),
      newRows: rowsAfter !== null && rowsBefore !== null ? rowsAfter - rowsBefore : null,
      refused: again.refused,
    },
    ...(ceiling ? ceilingFields(ceiling, rowsWritten / first.seconds) : {}),
  });
}

// ---------------------------------------------------------------------------------------------------
// CSV

async function csvBench(url: string, s: Session, sqlUrl: string | null) {
  const rows = Number(values['csv-rows']);
  const lines = ['姓名,性别,出生日期,身份证号,手机号,门诊号'];
  // Other people than the HL7 run's (numbers from 10 million on).
  for (let i = 10_000_000; i < 10_000_000 + rows; i++) {
    const p = person(i);
    lines.push(
      `${p.name},${p.genderZh},${p.birth.slice(0, 4)}-${p.birth.slice(4, 6)}-${p.birth.slice(6)},${p.idCard},${p.mobile},${p.mrn}`,
    );
  }
  const file = join(scratchDir(), 'patients.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  const bytes = readFileSync(file);
  const before = sqlUrl ? await countRows(sqlUrl) : 0;
  const first = await runImport(url, s, bytes);
  const written = sqlUrl ? (await countRows(sqlUrl)) - before : 0;
  const again = await runImport(url, s, bytes);
  const ceiling = sqlUrl
    ? await copyCeiling(sqlUrl, ['patients', 'patient_phones', 'patient_identifiers', 'mpi_match_keys'])
    : null;
  emit({
    bench: 'interop',
    db: kind,
    source: 'csv',
    rows,
    mode: values['csv-mode'],
    seconds: round3(first.seconds),
    rowsPerSecond: Math.round(rows / first.seconds),
    targetRowsPerSecond: 20000,
    counts: first.job.counts,
    databaseRowsWritten: written,
    reimport: { seconds: round3(again.seconds), counts: again.job.counts },
    ...(ceiling ? ceilingFields(ceiling, written / first.seconds) : {}),
  });
}

async function runImport(url: string, s: Session, bytes: Buffer) {
  const h = { cookie: s.cookie, 'x-csrf-token': s.csrf };
  const mapping = { name: 0, gender: 1, birthDate: 2, idCard: 3, mobile: 4, mrn: 5 };
  const form = new FormData();
  form.set('kind', 'patients');
  form.set('mode', values['csv-mode']);
  form.set('mapping', JSON.stringify(mapping));
  form.set('file', new Blob([bytes]), 'patients.csv');
  const res = await fetch(`${url}/api/imports`, { method: 'POST', headers: h, body: form });
  if (res.status !== 202) throw new Error(`import: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const job = (await (await fetch(`${url}/api/imports/${id}`, { headers: h })).json()) as {
      status: string;
      startedAt: string | null;
      finishedAt: string | null;
      counts: Record<string, number>;
    };
    if (job.status === 'failed') throw new Error('import failed');
    if (job.status === 'done')
      return { job, seconds: (Date.parse(job.finishedAt!) - Date.parse(job.startedAt!)) / 1000 };
  }
}

// ---------------------------------------------------------------------------------------------------
// The ceiling: the rows now in the tables, copied with bare binary COPY into empty copies of the tables

async function countRows(sqlUrl: string): Promise<number> {
  const c = new pg.Client({ connectionString: sqlUrl });
  await c.connect();
  try {
    let n = 0;
    for (const t of TABLES) n += Number((await c.query(`select count(*) as n from ${t}`)).rows[0].n);
    return n;
  } finally {
    await c.end();
  }
}

async function copyCeiling(sqlUrl: string, tables = TABLES) {
  const c = new pg.Client({ connectionString: sqlUrl });
  await c.connect();
  try {
    let rows = 0;
    let seconds = 0;
    for (const t of tables) {
      const chunks: Buffer[] = [];
      await pipeline(
        c.query(copyTo(`COPY ${t} TO STDOUT (FORMAT binary)`)),
        new Writable({
          write(chunk: Buffer, _e, cb) {
            chunks.push(chunk);
            cb();
          },
        }),
      );
      const n = Number((await c.query(`select count(*) as n from ${t}`)).rows[0].n);
      await c.query(
        `DROP TABLE IF EXISTS ceiling_${t}; CREATE UNLOGGED TABLE ceiling_${t} (LIKE ${t} INCLUDING DEFAULTS INCLUDING INDEXES)`,
      );
      await c.query(`ALTER TABLE ceiling_${t} SET LOGGED`);
      const started = performance.now();
      await pipeline(
        Readable.from(chunks),
        c.query(copyFrom(`COPY ceiling_${t} FROM STDIN (FORMAT binary)`)),
      );
      seconds += (performance.now() - started) / 1000;
      rows += n;
      await c.query(`DROP TABLE ceiling_${t}`);
    }
    return { rows, seconds, rowsPerSecond: rows / seconds };
  } finally {
    await c.end();
  }
}

function ceilingFields(
  ceiling: { rows: number; seconds: number; rowsPerSecond: number },
  importRowsPerSecond: number,
) {
  return {
    ceiling: {
      rows: ceiling.rows,
      seconds: round3(ceiling.seconds),
      rowsPerSecond: Math.round(ceiling.rowsPerSecond),
    },
    importRowsPerSecond: Math.round(importRowsPerSecond),
    ratioToCeiling: Math.round((importRowsPerSecond / ceiling.rowsPerSecond) * 1000) / 1000,
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

try {
  await main();
} finally {
  for (const c of cleanups.reverse()) await c().catch(() => {});
}
