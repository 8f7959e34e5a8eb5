import type pg from 'pg';
import type { InboundPatient, InboundRecord, MatchFeatures } from '@carebridge/domain';
import { inOwnTransaction, type Database, type Db, type DbOrTx } from '@carebridge/db';
import type { Clock } from '../../platform/clock';
import { dropSecondaryIndexesAndForeignKeys, validateForeignKeys } from '../../platform/db/bulk-indexes';
import { sourceKeyString } from '../../platform/db/source-upsert';
import type { MpiContext, MpiService, Prepared } from '../mpi/mpi.service';
import type { PatientDraft } from '../patients/inbound-patient';
import type * as patients from '../patients/patients.import';
import { REGISTER_TABLES } from '../patients/patients.import';
import { MATCH_KEY_TABLES } from '../mpi/mpi.repository';
import {
  emptyCounts,
  type InboundWriter,
  type PatientLookup,
  type PreparedBatch,
  type WriteOutcome,
} from './inbound-writer';

export interface BulkWriterDeps {
  database: Database;
  patients: Pick<
    typeof patients,
    'insertImportedPatients' | 'copyImportedPatients' | 'patientsByIdentifier' | 'analyzeRegister'
  >;
  mpi: Pick<MpiService, 'stageKeys' | 'decideLoaded' | 'applyMerges'>;
  hasMatchKeys: (tx: DbOrTx, tenantId: string) => Promise<boolean>;
  analyzeMatching: (tx: DbOrTx) => Promise<void>;
  inbound: Pick<InboundWriter, 'write'>;
  lockMatching: (tx: DbOrTx, tenantId: string) => Promise<void>;
  clock: Clock;
}

/**
 * A bulk load (the go-live load of a register): `work` gets a transaction on a connection of its own and a
 * writer for its batches. Before the first row, the search indexes of the register and every index of the
 * match keys are set aside (platform/db/bulk-indexes; indexes by person stay, they grow at their end),
 * and so are these tables' foreign keys (a check per row for millions of rows); the writer's `finish`
 * builds the indexes again and checks the foreign keys over all rows at once. On a server, rows go in by
 * binary COPY.
 *
 * People the register does not know yet are written as they come, their blocking keys stored and their
 * place in the file noted; matching runs once at the end over all of them, with the decisions one-by-one
 * arrival would have made. Everything else of a batch (people already known, whose row may need an
 * update, and any other record) goes through the ordinary writer, in the same transaction. All or
 * nothing: a failure rolls everything back, indexes included. The register is locked while it runs
 * (`lockTimeout`: how long to wait for other sessions to let go of it first).
 */
export async function inBulkLoad<T>(
  d: BulkWriterDeps,
  work: (tx: Db, writer: BulkWriter) => Promise<T>,
  lockTimeout = '10s',
): Promise<T> {
  return inOwnTransaction(d.database, async (tx, client) => {
    await client.query(`SELECT set_config('lock_timeout', $1, true)`, [lockTimeout]);
    const dropped = await dropSecondaryIndexesAndForeignKeys(
      client,
      [...REGISTER_TABLES, ...MATCH_KEY_TABLES],
      { primaryKeysOf: MATCH_KEY_TABLES },
    );
    await client.query(`SELECT set_config('lock_timeout', '0', true)`);
    const copy = d.database.kind === 'postgres' ? client : null;
    return work(
      tx,
      createBulkWriter(d, copy, async () => {
        await dropped.restore();
        // The foreign keys came back NOT VALID: checked here, over all the rows at once, before the commit.
        await validateForeignKeys([client], dropped.foreignKeys, new Map());
      }),
    );
  });
}

/** Statistics are refreshed as the register grows by this many people (see analyzeRegister). */
const ANALYZE_EVERY_ROWS = 100_000;

function createBulkWriter(d: BulkWriterDeps, copy: pg.ClientBase | null, rebuild: () => Promise<void>) {
  // The load's people in file order, as the matcher sees them: kept from their preparation for the one
  // matching pass at the end (reading them back costs more than keeping them).
  const people = { ids: [] as string[], features: [] as MatchFeatures[], keys: [] as number[][] };
  let registerHadKeys: boolean | undefined;
  let sinceAnalyze = 0;

  async function write(
    tx: DbOrTx,
    ctx: MpiContext,
    pre: PreparedBatch,
    lookups: ReadonlyMap<number, PatientLookup> = new Map(),
  ): Promise<WriteOutcome> {
    const out: WriteOutcome = { counts: { ...emptyCounts(), read: pre.records.length }, rejected: [] };
    await d.lockMatching(tx, ctx.tenantId);
    registerHadKeys ??= await d.hasMatchKeys(tx, ctx.tenantId);
    if (sinceAnalyze >= ANALYZE_EVERY_ROWS) {
      await d.patients.analyzeRegister(tx);
      sinceAnalyze = 0;
    }
    const fresh = await freshPeople(tx, ctx.tenantId, pre);
    const drafts = fresh.map((f) => f.draft);
    const rows = [
      drafts.map((x) => x.row),
      drafts.flatMap((x) => x.phones),
      drafts.flatMap((x) => x.identifiers),
      d.clock.now(),
    ] as const;
    if (copy) await d.patients.copyImportedPatients(copy, ...rows);
    else await d.patients.insertImportedPatients(tx, ...rows);
    const staged = fresh.map(({ prepared }) => ({
      patientId: prepared.subject.patientId,
      keyHashes: [...new Set(prepared.keyHashes)],
    }));
    await d.mpi.stageKeys(tx, copy, ctx.tenantId, staged);
    sinceAnalyze += fresh.length;
    fresh.forEach(({ prepared }, i) => {
      people.ids.push(staged[i]!.patientId);
      people.features.push(prepared.features);
      people.keys.push(staged[i]!.keyHashes);
    });
    out.counts.created += fresh.length;

    const rest = subBatch(pre, lookups, fresh, out);
    const ordinary = await d.inbound.write(tx, ctx, rest.batch, rest.lookups);
    for (const k of Object.keys(out.counts) as (keyof WriteOutcome['counts'])[])
      if (k !== 'read') out.counts[k] += ordinary.counts[k];
    for (const r of ordinary.rejected) out.rejected.push({ ...r, index: rest.indexes[r.index]! });
    return out;
  }

  /**
   * Patient records of the batch that nobody sent before: the last copy of each source key, with a valid
   * draft. Records already known are left to the ordinary writer.
   */
  async function freshPeople(tx: DbOrTx, tenantId: string, pre: PreparedBatch) {
    const latest = new Map<string, number>();
    pre.records.forEach((r, index) => {
      if (r.type === 'patient') latest.set(sourceKeyString(r.source.system, r.source.id), index);
    });
    const known = await d.patients.patientsByIdentifier(
      tx,
      tenantId,
      [...latest.values()].map((i) => {
        const { system, id } = (pre.records[i] as InboundPatient).source;
        return { system, value: id };
      }),
    );
    const fresh: { index: number; key: string; draft: PatientDraft; prepared: Prepared }[] = [];
    for (const [key, index] of latest) {
      if (known.has(key)) continue;
      const draft = pre.drafts.get(index)?.draft;
      const prepared = draft && pre.matching.get(draft.row.id);
      if (draft && prepared) fresh.push({ index, key, draft, prepared });
    }
    return fresh;
  }

  /**
   * The batch without the records written here, and without the earlier copies of their source keys
   * (counted as unchanged: the last copy is the one that counts).
   */
  function subBatch(
    pre: PreparedBatch,
    lookups: ReadonlyMap<number, PatientLookup>,
    fresh: readonly { index: number; key: string }[],
    out: WriteOutcome,
  ) {
    const written = new Set(fresh.map((f) => f.index));
    const writtenKeys = new Set(fresh.map((f) => f.key));
    const indexes: number[] = [];
    const batch: PreparedBatch = { records: [], drafts: new Map(), matching: pre.matching };
    const subLookups = new Map<number, PatientLookup>();
    pre.records.forEach((record: InboundRecord, index) => {
      if (written.has(index)) return;
      if (
        record.type === 'patient' &&
        writtenKeys.has(sourceKeyString(record.source.system, record.source.id))
      ) {
        out.counts.unchanged++;
        return;
      }
      const at = batch.records.length;
      indexes.push(index);
      batch.records.push(record);
      const draft = pre.drafts.get(index);
      if (draft) batch.drafts.set(at, draft);
      const lookup = lookups.get(index);
      if (lookup) subLookups.set(at, lookup);
    });
    return { batch, lookups: subLookups, indexes };
  }

  /**
   * After the last batch: decides who is whom over everyone the load created (reviews queued), builds the
   * indexes again, then applies the automatic merges, which look rows up by person.
   */
  async function finish(tx: DbOrTx, ctx: MpiContext): Promise<{ merged: number; queued: number }> {
    const decisions = await d.mpi.decideLoaded(tx, ctx.tenantId, people, registerHadKeys ?? false);
    await rebuild();
    // Merges look rows up by person: planned with the tables' sizes now, as pg_restore leaves them.
    await d.patients.analyzeRegister(tx);
    await d.analyzeMatching(tx);
    const merged = await d.mpi.applyMerges(tx, ctx, decisions);
    return { merged, queued: decisions.filter((dec) => dec.outcome === 'review').length };
  }

  return { write, finish };
}
export type BulkWriter = ReturnType<typeof createBulkWriter>;
