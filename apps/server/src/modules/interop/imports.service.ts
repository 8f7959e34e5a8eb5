import {
  resolveColumnMapping,
  suggestMapping,
  tabularWhere,
  TARGET_FIELDS,
  todayIn,
  type InboundProblem,
  type InboundRecord,
  type ColumnMapping,
  type FieldColumns,
} from '@carebridge/domain';
import type { ImportCounts, ImportJob, ImportKind, ImportMode } from '@carebridge/contracts';
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@carebridge/db';
import { hasConcurrentConnections, newId } from '@carebridge/db';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { Actor, RequestOrigin } from '../../platform/http/actor';
import type { JobEngine } from '../../platform/jobs';
import type { AuditService } from '../audit/audit.service';
import type { BulkWriter } from './bulk-writer';
import type { PreparePool } from './prepare-pool';
import {
  emptyCounts,
  type InboundWriter,
  type PatientLookup,
  type PreparedBatch,
  type WriteOutcome,
} from './inbound-writer';
import type * as repo from './interop.repository';
import { mapTableBatches, type MappedRow } from './tabular/map-table';
import { readTable } from './tabular/read-table';
import { maskedRow, rejectReportBuffer } from './tabular/reject-report';
import { tabularMessage } from './tabular/messages';

export interface ImportsDeps {
  db: Db;
  repo: Pick<
    typeof repo,
    | 'insertImportJob'
    | 'insertFileChunks'
    | 'loadFile'
    | 'findImportJob'
    | 'findImportJobById'
    | 'listImportJobs'
    | 'updateImportJob'
    | 'insertRejects'
    | 'listRejects'
  >;
  inbound: Pick<InboundWriter, 'prepare' | 'write'>;
  /** Largest file a bulk load takes (default BULK_MAX_ROWS). */
  bulkMaxRows?: number;
  /** Worker threads that prepare batches, for large files (absent: prepared on this thread). */
  preparePool?: () => PreparePool;
  /** Runs a bulk load: its own transaction, and a writer for its batches (see bulk-writer.ts). */
  bulkLoad: <T>(work: (tx: DbOrTx, writer: Pick<BulkWriter, 'write' | 'finish'>) => Promise<T>) => Promise<T>;
  audit: Pick<AuditService, 'record'>;
  jobs: Pick<JobEngine, 'enqueue'> | null;
  clock: Clock;
  timeZone: string;
}

export interface ImportInput {
  kind: ImportKind;
  file: UploadedFile;
  /** Field → column index (console), or a saved mapping by header names with defaults (CLI). */
  mapping: FieldColumns | ColumnMapping;
  sourceSystem?: string | undefined;
  mode?: ImportMode | undefined;
}

export interface ImportContext {
  tenantId: string;
  actor: Actor | null;
  origin: RequestOrigin;
}

export const IMPORT_FILE_JOB = 'interop.importFile';
/** Uploads are stored in chunks of this size (bytea rows stay well under PostgreSQL's limits). */
const CHUNK_BYTES = 8 * 1024 * 1024;
const PREVIEW_ROWS = 20;

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

/**
 * CSV and Excel imports: a preview with a suggested column mapping and per-cell errors, a dry run over the
 * whole file, then the import as a background job (the file is kept in the database, so any worker can
 * run it and a crashed run starts again: rows are idempotent by their source keys). Rejected rows are kept
 * (ID and phone cells masked) for the downloadable report.
 */
export function createImportsService(d: ImportsDeps) {
  const mapOptions = (source: string) => ({
    source,
    timeZone: d.timeZone,
    today: todayIn(d.timeZone, d.clock.now()),
  });

  async function preview(
    kind: ImportKind,
    file: UploadedFile,
    mapping: Record<string, number | null> | undefined,
    dryRun: boolean,
    lang: 'zh' | 'en',
  ) {
    const table = await readTable(file.bytes, { kind });
    const suggestion = suggestMapping(kind, table.headers);
    const used = mapping ?? suggestion.mapping;
    const rows: MappedRow[] = [];
    let total = 0;
    let rejected = 0;
    for await (const batch of mapTableBatches(table, kind, used, mapOptions('preview'))) {
      for (const row of batch) {
        total++;
        if (row.problems.length) rejected++;
        if (rows.length < PREVIEW_ROWS) rows.push(row);
      }
      if (!dryRun && rows.length >= PREVIEW_ROWS) break;
    }
    if (table.problems.length && !table.headers.length)
      throw new AppError(
        'validation_failed',
        table.problems.map((p) => ({ path: 'file', message: tabularMessage(p.message, lang) })),
      );
    const text = (p: InboundProblem) => ({
      where: p.where,
      message: p.message,
      text: tabularMessage(p.message, lang),
    });
    return {
      kind,
      headers: table.headers,
      mapping: used,
      fields: TARGET_FIELDS[kind].map((f) => ({
        key: f.key,
        label: lang === 'zh' ? f.zh : f.en,
        required: Boolean(f.required),
        confidence: mapping ? null : (suggestion.confidence[f.key] ?? null),
      })),
      rows: rows.map((r) => ({
        rowNumber: r.rowNumber,
        cells: maskedRow(r.cells, { headers: table.headers, kind, columns: used }).map((c) =>
          c === null ? '' : String(c),
        ),
        problems: r.problems.map(text),
      })),
      dryRun: dryRun ? { rows: total, valid: total - rejected, rejected } : null,
    };
  }

  async function start(actor: Actor, input: ImportInput, origin: RequestOrigin): Promise<ImportJob> {
    if (!d.jobs) throw new AppError('internal_error');
    return view(await createJob({ tenantId: actor.tenantId, actor, origin }, input, true));
  }

  /** The CLI: the same job row (for the record and the report), run here and now instead of by a worker. */
  async function runNow(ctx: ImportContext, input: ImportInput, onBatch?: (done: number) => void) {
    const job = await createJob(ctx, input, false);
    await run(job.id, onBatch);
    return view((await d.repo.findImportJobById(d.db, job.id))!);
  }

  async function createJob(ctx: ImportContext, input: ImportInput, enqueue: boolean) {
    const { actor } = ctx;
    const mode = input.mode ?? 'incremental';
    if (mode === 'bulk' && input.kind !== 'patients')
      throw new AppError('validation_failed', [{ path: 'mode', message: 'bulk_patients_only' }]);
    // A bulk load keeps its people's match features in memory (~1.5 GB per million rows, measured at 1M):
    // a larger file would exhaust the server's heap and take the console down with it.
    if (mode === 'bulk' && (await countRows(input.file.bytes, input.kind)) > (d.bulkMaxRows ?? BULK_MAX_ROWS))
      throw new AppError('validation_failed', [{ path: 'mode', message: 'bulk_too_large' }]);
    const id = newId();
    const chunks: Buffer[] = [];
    for (let at = 0; at < input.file.bytes.length; at += CHUNK_BYTES)
      chunks.push(input.file.bytes.subarray(at, at + CHUNK_BYTES));
    return d.db.transaction(async (tx) => {
      const created = await d.repo.insertImportJob(tx, {
        id,
        tenantId: ctx.tenantId,
        kind: input.kind,
        fileName: input.file.name.slice(0, 200),
        fileBytes: input.file.bytes.length,
        // The same file name from the same desk keys the same rows: importing it again changes nothing.
        sourceSystem: input.sourceSystem ?? `csv:${input.kind}`,
        mapping: input.mapping as Record<string, unknown>,
        mode,
        status: 'queued',
        counts: emptyCounts(),
        createdBy: actor?.kind === 'user' ? actor.id : null,
        createdAt: d.clock.now(),
        updatedAt: d.clock.now(),
      });
      await d.repo.insertFileChunks(tx, id, chunks);
      await d.audit.record(tx, ctx, {
        action: 'interop.import_started',
        resourceType: 'import_job',
        resourceId: id,
        detail: `kind=${input.kind} mode=${mode} bytes=${input.file.bytes.length}`,
      });
      if (enqueue) await d.jobs!.enqueue(IMPORT_FILE_JOB, { importId: id }, { tx });
      return created;
    });
  }

  /** The job: reads the stored file batch by batch, writes each batch in one transaction, reports progress. */
  async function run(importId: string, onBatch: (done: number) => void = () => {}) {
    const job = await d.repo.findImportJobById(d.db, importId);
    if (!job || job.status === 'done') return;
    const bytes = await d.repo.loadFile(d.db, importId);
    const kind = job.kind as ImportKind;
    const started = d.clock.now();
    const rowsTotal = await countRows(bytes, kind);
    await d.repo.updateImportJob(d.db, importId, {
      status: 'running',
      startedAt: started,
      rowsTotal,
      rowsDone: 0,
      counts: emptyCounts(),
      error: null,
    });
    const table = await readTable(bytes, { kind });
    const counts = emptyCounts();
    const ctx = {
      tenantId: job.tenantId,
      actor: null,
      origin: { ip: null, userAgent: `import:${importId}` },
    };
    let done = 0;
    let pool: PreparePool | null = null;
    // On the embedded database the bulk load's transaction holds the only connection: its progress is
    // written when it ends.
    const reportsMidway = job.mode !== 'bulk' || hasConcurrentConnections(d.db);
    const progress = async (rows: number) => {
      done += rows;
      onBatch(done);
      if (reportsMidway)
        await d.repo.updateImportJob(d.db, importId, { rowsDone: done, counts, updatedAt: d.clock.now() });
    };
    try {
      const mapped = mapTableBatches(
        table,
        kind,
        job.mapping as FieldColumns | ColumnMapping,
        mapOptions(job.sourceSystem),
      );
      const batches = regroup(mapped, WRITE_BATCH_ROWS)[Symbol.asyncIterator]();
      pool = rowsTotal >= PARALLEL_PREPARE_MIN_ROWS ? (d.preparePool?.() ?? null) : null;
      const prepared = preparedAhead(batches, pool ? pool.size + 1 : 1, (rows) =>
        prepareBatch(job.tenantId, rows, pool),
      );
      const load = job.mode === 'bulk' ? loadInOneTransaction : loadBatchByBatch;
      await load(job, table.headers, prepared, ctx, counts, progress);
      await d.repo.updateImportJob(d.db, importId, {
        status: 'done',
        rowsDone: done,
        rowsTotal: done,
        counts,
        finishedAt: d.clock.now(),
        updatedAt: d.clock.now(),
      });
    } catch (error) {
      await d.repo.updateImportJob(d.db, importId, {
        status: 'failed',
        error: error instanceof Error ? error.name : 'error',
        counts,
        updatedAt: d.clock.now(),
      });
      throw error;
    } finally {
      await pool?.close();
    }
    return counts;
  }

  /**
   * The ordinary import: each batch in its own transaction. Three stages overlap: the file is read and
   * mapped, the next batch is prepared (encryption, pinyin, match keys), and the database writes the
   * current one. Writes stay one after another.
   */
  async function loadBatchByBatch(
    job: repo.ImportJobRow,
    headers: string[],
    prepared: AsyncIterable<PreparedRows>,
    ctx: WriteContext,
    counts: ImportCounts,
    progress: (rows: number) => Promise<void>,
  ) {
    let writing: Promise<void> = Promise.resolve();
    // Set by a write that failed; read after each await (a holder, as the write's callback assigns it).
    const failed: { error?: Error } = {};
    for await (const batch of prepared) {
      await writing;
      if (failed.error) throw failed.error;
      // The chain ends in a catch: a failure waits here, handled, until the loop looks at it.
      writing = d.db
        .transaction(async (tx) => {
          // A batch lost in a crash is written again when the job restarts (rows are idempotent), so its
          // commit need not wait for the disk; the job's final 'done' is an ordinary, durable commit.
          await tx.execute(sql`SET LOCAL synchronous_commit = off`);
          await recordBatch(tx, job, headers, batch, ctx, counts, d.inbound.write);
        })
        .then(() => progress(batch.rows.length))
        .catch((error: unknown) => {
          failed.error = error instanceof Error ? error : new Error(String(error));
        });
    }
    await writing;
    if (failed.error) throw failed.error;
  }

  /**
   * The bulk load (go-live): the whole file in one transaction, the register's search indexes built once at
   * the end and matching run once over everyone the file brought (bulk-writer.ts). All or nothing: a
   * failure or a crash leaves the register as it was, and the job can simply run again. The register is
   * locked meanwhile. The next batch is prepared while this one is written.
   */
  async function loadInOneTransaction(
    job: repo.ImportJobRow,
    headers: string[],
    prepared: AsyncIterable<PreparedRows>,
    ctx: WriteContext,
    counts: ImportCounts,
    progress: (rows: number) => Promise<void>,
  ) {
    await d.bulkLoad(async (tx, writer) => {
      for await (const batch of prepared) {
        await recordBatch(tx, job, headers, batch, ctx, counts, writer.write);
        await progress(batch.rows.length);
      }
      const matched = await writer.finish(tx, ctx);
      counts.merged += matched.merged;
      counts.queued += matched.queued;
    });
  }

  /**
   * Rows with problems are set aside; the others' records get their CPU work done (inbound-prepare.ts), on
   * a worker thread of the pool when there is one.
   */
  async function prepareBatch(
    tenantId: string,
    rows: MappedRow[],
    pool: PreparePool | null,
  ): Promise<PreparedRows> {
    const records: InboundRecord[] = [];
    const lookups = new Map<number, PatientLookup>();
    const rowOf: number[] = [];
    const rejects = new Map<number, { row: MappedRow; problems: InboundProblem[] }>();
    for (const [i, row] of rows.entries()) {
      if (row.problems.length) {
        rejects.set(i, { row, problems: row.problems });
        continue;
      }
      for (const r of row.records) {
        if (r.patientLookup) lookups.set(records.length, r.patientLookup);
        records.push(r.record);
        rowOf.push(i);
      }
    }
    const prepared = pool
      ? await pool.prepare(tenantId, records)
      : await d.inbound.prepare(tenantId, records, 200);
    return { rows, prepared, lookups, rowOf, rejects };
  }

  /** Writes one prepared batch in the caller's transaction, adds to the counts, keeps the rejected rows. */
  async function recordBatch(
    tx: DbOrTx,
    job: repo.ImportJobRow,
    headers: string[],
    batch: PreparedRows,
    ctx: WriteContext,
    counts: ImportCounts,
    write: (
      tx: DbOrTx,
      ctx: WriteContext,
      batch: PreparedBatch,
      lookups: ReadonlyMap<number, PatientLookup>,
    ) => Promise<WriteOutcome>,
  ) {
    const { rows, prepared, lookups, rowOf, rejects } = batch;
    const out = await write(tx, ctx, prepared, lookups);
    for (const r of out.rejected) {
      const i = rowOf[r.index]!;
      const row = rows[i]!;
      const located = r.problems.map((p) => ({ ...p, where: tabularWhere(row.rowNumber, p.where) }));
      rejects.set(i, { row, problems: [...(rejects.get(i)?.problems ?? []), ...located] });
    }
    for (const k of Object.keys(counts) as (keyof ImportCounts)[])
      if (k !== 'read' && k !== 'rejected') counts[k] += out.counts[k];
    counts.read += rows.length;
    counts.rejected += rejects.size;
    await d.repo.insertRejects(
      tx,
      [...rejects.values()].map(({ row, problems }) => ({
        jobId: job.id,
        rowNumber: row.rowNumber,
        cells: maskedRow(row.cells, {
          headers,
          kind: job.kind as ImportKind,
          columns: fieldColumns(job.mapping, headers),
        }).map((c) => (c === null ? '' : String(c))),
        problems: problems.map((p) => ({ where: p.where, message: p.message })),
      })),
    );
  }

  async function get(actor: Pick<Actor, 'tenantId'>, id: string) {
    const row = await d.repo.findImportJob(d.db, actor.tenantId, id);
    if (!row) throw new AppError('not_found');
    return view(row);
  }

  async function list(actor: Actor) {
    return { items: (await d.repo.listImportJobs(d.db, actor.tenantId, 50)).map(view) };
  }

  /** The rejected rows hold names (numbers masked): handing them out is a read of patient data, audited. */
  async function report(ctx: ImportContext, id: string) {
    const job = await d.repo.findImportJob(d.db, ctx.tenantId, id);
    if (!job) throw new AppError('not_found');
    await d.audit.record(d.db, ctx, {
      action: 'interop.import_report_downloaded',
      resourceType: 'import_job',
      resourceId: id,
    });
    const rejects = await d.repo.listRejects(d.db, id);
    const table = await readTable(await d.repo.loadFile(d.db, id), { kind: job.kind as ImportKind });
    const buffer = await rejectReportBuffer(
      rejects.map((r) => ({ rowNumber: r.rowNumber, cells: r.cells, problems: r.problems })),
      {
        headers: table.headers,
        kind: job.kind as ImportKind,
        columns: fieldColumns(job.mapping, table.headers),
      },
    );
    return { fileName: `${job.fileName.replace(/\.[^.]+$/, '')}-rejected.xlsx`, buffer };
  }

  return { preview, start, runNow, run, get, list, report };
}
export type ImportsService = ReturnType<typeof createImportsService>;

/** The column indexes of a stored mapping (a saved mapping names columns by header). */
function fieldColumns(mapping: Record<string, unknown>, headers: string[]): FieldColumns {
  return 'version' in mapping
    ? resolveColumnMapping(mapping as unknown as ColumnMapping, headers).columns
    : (mapping as FieldColumns);
}

type WriteContext = Parameters<InboundWriter['write']>[1];
/** A batch of file rows with its records prepared, and the rows set aside with their problems. */
interface PreparedRows {
  rows: MappedRow[];
  prepared: PreparedBatch;
  lookups: Map<number, PatientLookup>;
  /** The row each record came from, by the record's index. */
  rowOf: number[];
  rejects: Map<number, { row: MappedRow; problems: InboundProblem[] }>;
}

/** Rows one bulk load takes at most (see createJob); a larger register goes in as several files. */
export const BULK_MAX_ROWS = 2_000_000;

/** Below this many rows, starting worker threads costs more than it saves. */
const PARALLEL_PREPARE_MIN_ROWS = 20_000;

/**
 * Prepared batches, in file order, with `depth` of them in preparation ahead of the one being written: the
 * file is read and mapped, batches are prepared (on worker threads when there are some) and the database
 * writes, all at once. A batch that failed to prepare fails where it is consumed.
 */
async function* preparedAhead<T, P>(
  batches: AsyncIterator<T>,
  depth: number,
  prepare: (batch: T) => Promise<P>,
): AsyncGenerator<P> {
  const queue: Promise<P | null>[] = [];
  const pull = () => {
    const next = batches.next().then((n) => (n.done ? null : prepare(n.value)));
    next.catch(() => undefined); // handled where it is awaited below
    queue.push(next);
  };
  for (let i = 0; i < depth; i++) pull();
  for (;;) {
    const batch = await queue.shift()!;
    if (batch === null) return;
    pull();
    yield batch;
  }
}

/** Rows written per transaction: large enough that statements cost little per row. */
const WRITE_BATCH_ROWS = 5000;

async function* regroup<T>(batches: AsyncIterable<T[]>, size: number): AsyncGenerator<T[]> {
  let pending: T[] = [];
  for await (const batch of batches) {
    pending = pending.length ? pending.concat(batch) : batch;
    if (pending.length >= size) {
      yield pending;
      pending = [];
    }
  }
  if (pending.length) yield pending;
}

/** Rows in the file, for the progress bar: a line count for CSV (cheap), a read for Excel. */
async function countRows(bytes: Buffer, kind: ImportKind): Promise<number> {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    let lines = 0;
    for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lines++;
    const lastByte = bytes[bytes.length - 1];
    return Math.max(0, lines + (lastByte === 10 ? 0 : 1) - 1);
  }
  const table = await readTable(bytes, { kind });
  let n = 0;
  for await (const batch of table.batches) n += batch.length;
  return n;
}

function view(row: repo.ImportJobRow): ImportJob {
  const seconds = row.startedAt
    ? ((row.finishedAt ?? row.updatedAt).getTime() - row.startedAt.getTime()) / 1000
    : 0;
  const rate = seconds > 0 && row.rowsDone > 0 ? Math.round(row.rowsDone / seconds) : null;
  const left = row.rowsTotal !== null ? Math.max(0, row.rowsTotal - row.rowsDone) : null;
  return {
    id: row.id,
    kind: row.kind as ImportKind,
    fileName: row.fileName,
    fileBytes: row.fileBytes,
    sourceSystem: row.sourceSystem,
    mode: row.mode as ImportJob['mode'],
    status: row.status as ImportJob['status'],
    rowsTotal: row.rowsTotal,
    rowsDone: row.rowsDone,
    counts: { ...emptyCounts(), ...row.counts },
    rate,
    etaSeconds: row.status === 'running' && rate && left !== null ? Math.ceil(left / rate) : null,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
