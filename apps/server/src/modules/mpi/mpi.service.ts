import {
  blockingKeys,
  classifyScore,
  DEFAULT_MATCH_PARAMS,
  normaliseForMatch,
  scorePair,
  type MatchFeatures,
  type MatchParams,
  type PairScore,
} from '@carebridge/domain';
import type pg from 'pg';
import type { DbOrTx } from '@carebridge/db';
import { newId } from '@carebridge/db';
import type { Clock } from '../../platform/clock';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data';
import { AppError } from '../../platform/errors';
import type { Actor, RequestOrigin } from '../../platform/http/actor';
import type { AuditService } from '../audit/audit.service';
import type * as repo from './mpi.repository';
import { blockCandidates } from './bulk-blocks';

/** What the matcher needs to know of a person (numbers as blind indexes: only equality is compared). */
export interface MatchSubject {
  patientId: string;
  name: string;
  gender: string;
  birthDate: string | null;
  idCardHash: string | null;
  phoneHashes: string[];
  province: string | null;
  city: string | null;
  district: string | null;
  addressDetail: string | null;
}

export interface Prepared {
  subject: MatchSubject;
  features: MatchFeatures;
  keyHashes: number[];
}

export interface MatchDecision {
  patientId: string;
  outcome: 'auto_merge' | 'review' | 'new';
  /** The best candidate (auto_merge: the survivor). */
  candidateId?: string;
  score?: PairScore;
  /** Every candidate between the thresholds, for the review queue. */
  reviews: { candidateId: string; score: PairScore }[];
}

interface PatientRows {
  /** Features of stored people, by id (active records only; merged and erased ones are skipped). */
  loadSubjects(tx: DbOrTx, ids: readonly string[]): Promise<MatchSubject[]>;
  reassignRows(tx: DbOrTx, from: string, to: string): Promise<Record<string, string[]>>;
  restoreRows(tx: DbOrTx, moves: Record<string, string[]>, to: string): Promise<void>;
  setMergedInto(tx: DbOrTx, patientId: string, survivorId: string | null, at: Date): Promise<void>;
}

export interface MpiDeps {
  repo: typeof repo;
  patients: PatientRows;
  audit: Pick<AuditService, 'record'>;
  cipher: PersonalDataCipher;
  clock: Clock;
  params?: MatchParams;
}

/** Who asks: staff through the API, or an import (actor = the API token or CLI, origin of the request). */
export interface MpiContext {
  tenantId: string;
  actor: Actor | null;
  origin: RequestOrigin;
}

/** Candidates one blocking key may bring; a key shared by more people is not used (see matchBatch). */
export const MAX_BLOCK = 50;

export type MergeReason = 'auto' | 'review' | 'hl7_a40' | 'manual';

/** What the matcher compares of a person (pure: the same on any thread). */
export function matchFeaturesOf(subject: MatchSubject): MatchFeatures {
  return normaliseForMatch({
    name: subject.name,
    birthDate: subject.birthDate ?? undefined,
    gender: subject.gender as 'male' | 'female' | 'unknown',
    idNumber: subject.idCardHash ?? undefined,
    idClear: false,
    phones: subject.phoneHashes,
    address: {
      province: subject.province ?? undefined,
      city: subject.city ?? undefined,
      locality: subject.district ?? undefined,
      detail: subject.addressDetail ?? undefined,
    },
  });
}

/** Features and keyed blocking keys of a person: CPU only, so an import can do it on a worker thread. */
export function prepareSubject(cipher: PersonalDataCipher, subject: MatchSubject): Prepared {
  const features = matchFeaturesOf(subject);
  // Keys are built from personal data: only their keyed hash is stored or compared.
  const keyHashes = blockingKeys(features).map((k) =>
    Buffer.from(cipher.blindIndex('mpi_key', k), 'base64url').readUIntBE(0, 6),
  );
  return { subject, features, keyHashes };
}

export function createMpiService(d: MpiDeps) {
  const params = d.params ?? DEFAULT_MATCH_PARAMS;

  const prepare = (subject: MatchSubject): Prepared => prepareSubject(d.cipher, subject);

  /**
   * Matches new records against the people already stored and against the earlier records of the same
   * batch (a file may hold the same person twice). Decisions follow arrival order, so a later record
   * can merge into an earlier one of the same batch.
   */
  async function matchBatch(
    tx: DbOrTx,
    tenantId: string,
    batch: readonly Prepared[],
  ): Promise<MatchDecision[]> {
    const allKeys = [...new Set(batch.flatMap((b) => b.keyHashes))];
    const stored = await d.repo.candidatesByKeys(tx, tenantId, allKeys, MAX_BLOCK);
    const byKey = new Map<number, Set<string>>();
    for (const s of stored)
      (byKey.get(s.keyHash) ?? byKey.set(s.keyHash, new Set()).get(s.keyHash)!).add(s.patientId);
    const storedIds = [...new Set(stored.map((s) => s.patientId))];
    const features = new Map<string, MatchFeatures>();
    for (const subject of await d.patients.loadSubjects(tx, storedIds))
      features.set(subject.patientId, prepare(subject).features);
    const decisions: MatchDecision[] = [];
    for (const b of batch) {
      const candidates = new Set<string>();
      for (const k of b.keyHashes) for (const id of byKey.get(k) ?? []) candidates.add(id);
      const decision = decide(b, candidates, features);
      decisions.push(decision);
      // Later records of the batch see this one (as itself, or as the person it merged into).
      const visibleAs = decision.outcome === 'auto_merge' ? decision.candidateId! : b.subject.patientId;
      if (decision.outcome !== 'auto_merge') features.set(b.subject.patientId, b.features);
      for (const k of b.keyHashes) (byKey.get(k) ?? byKey.set(k, new Set()).get(k)!).add(visibleAs);
    }
    return decisions;
  }

  function decide(
    b: Prepared,
    candidates: Set<string>,
    features: Pick<ReadonlyMap<string, MatchFeatures>, 'get'>,
  ): MatchDecision {
    const known: (readonly [string, MatchFeatures])[] = [];
    for (const id of candidates) {
      const f = features.get(id);
      if (f) known.push([id, f]);
    }
    return decideAmong(b.subject.patientId, b.features, known);
  }

  /** Scores a person against candidates: the best one decides (merge, review or new); reviews keep all. */
  function decideAmong(
    patientId: string,
    own: MatchFeatures,
    candidates: Iterable<readonly [string, MatchFeatures]>,
  ): MatchDecision {
    let best: { candidateId: string; score: PairScore } | undefined;
    const reviews: { candidateId: string; score: PairScore }[] = [];
    for (const [id, f] of candidates) {
      if (id === patientId) continue;
      const score = scorePair(own, f, params);
      const cls = classifyScore(score.score, params.thresholds);
      if (cls === 'new') continue;
      if (!best || score.score > best.score.score) best = { candidateId: id, score };
      if (cls === 'review') reviews.push({ candidateId: id, score });
    }
    const outcome = best ? classifyScore(best.score.score, params.thresholds) : 'new';
    return {
      patientId,
      outcome,
      ...(best ? { candidateId: best.candidateId, score: best.score } : {}),
      reviews: outcome === 'auto_merge' ? [] : reviews,
    };
  }

  /**
   * A bulk load's new people (each key once): their keys stored, not yet used for matching within the
   * load, and the people noted as the load's; `decideLoaded` matches them all once the rows are in.
   * `copy`: a server connection to write them with binary COPY (the embedded database inserts).
   */
  async function stageKeys(
    tx: DbOrTx,
    copy: pg.ClientBase | null,
    tenantId: string,
    people: readonly { patientId: string; keyHashes: readonly number[] }[],
  ) {
    await d.repo.createStagedPeople(tx);
    const keys = people.flatMap((p) => p.keyHashes.map((keyHash) => ({ patientId: p.patientId, keyHash })));
    const ids = people.map((p) => p.patientId);
    if (copy) return d.repo.copyStaged(copy, tenantId, keys, ids);
    await d.repo.insertMatchKeys(tx, tenantId, keys);
    await d.repo.stagePeople(tx, ids);
  }

  /**
   * Matches a bulk load's people (in file order) with the decisions `matchBatch` would have made had they
   * arrived one by one: each against the register (when `registerHadKeys`) and the people before it in the
   * file, a person merged away standing for the one it merged into. Candidates come from one sort of the
   * load's keys (bulk-blocks.ts). Queues the reviews; the merges are for `applyMerges`, once the indexes
   * are back.
   */
  async function decideLoaded(
    tx: DbOrTx,
    tenantId: string,
    people: {
      ids: readonly string[];
      features: readonly MatchFeatures[];
      keys: readonly (readonly number[])[];
    },
    registerHadKeys: boolean,
  ): Promise<MatchDecision[]> {
    const holders = registerHadKeys
      ? await d.repo.registerHoldersOfStagedKeys(tx, tenantId, MAX_BLOCK)
      : new Map<number, { count: number; ids: string[] }>();
    const { earlier, stored } = blockCandidates(people.keys, holders, MAX_BLOCK);
    const registerFeatures = await loadFeatures(tx, new Set(stored.flatMap((ids) => ids ?? [])));
    // Who a person of the load now is: itself, an earlier person of the load (ord) or one of the register (id).
    const mergedInto: (number | string | undefined)[] = new Array<number | string | undefined>(
      people.ids.length,
    );
    const decisions: MatchDecision[] = [];
    for (let ord = 0; ord < people.ids.length; ord++) {
      if (!earlier[ord] && !stored[ord]) continue;
      const candidates = new Map<string, { features: MatchFeatures; is: number | string }>();
      const add = (who: number | string) => {
        if (typeof who === 'number')
          candidates.set(people.ids[who]!, { features: people.features[who]!, is: who });
        else {
          const features = registerFeatures.get(who);
          if (features) candidates.set(who, { features, is: who });
        }
      };
      for (const other of earlier[ord] ?? []) add(mergedInto[other] ?? other);
      for (const id of stored[ord] ?? []) add(id);
      const decision = decideAmong(
        people.ids[ord]!,
        people.features[ord]!,
        [...candidates].map(([id, c]) => [id, c.features] as const),
      );
      if (decision.outcome === 'auto_merge') mergedInto[ord] = candidates.get(decision.candidateId!)!.is;
      decisions.push(decision);
    }
    await queueReviews(tx, tenantId, decisions);
    return decisions;
  }

  /** Match features of stored people, read in pages (merged and erased people have none). */
  async function loadFeatures(tx: DbOrTx, ids: ReadonlySet<string>) {
    const out = new Map<string, MatchFeatures>();
    const list = [...ids];
    for (let at = 0; at < list.length; at += 5000)
      for (const subject of await d.patients.loadSubjects(tx, list.slice(at, at + 5000)))
        out.set(subject.patientId, matchFeaturesOf(subject));
    return out;
  }

  /** The automatic merges among these decisions, in order (each with its audit row and undo). */
  async function applyMerges(tx: DbOrTx, ctx: MpiContext, decisions: readonly MatchDecision[]) {
    let merged = 0;
    for (const dec of decisions)
      if (dec.outcome === 'auto_merge') {
        await merge(tx, ctx, dec.candidateId!, dec.patientId, 'auto', dec.score!.score);
        merged++;
      }
    return merged;
  }

  async function storeKeys(tx: DbOrTx, tenantId: string, prepared: readonly Prepared[], replace: boolean) {
    const keys = prepared.flatMap((p) =>
      p.keyHashes.map((keyHash) => ({ patientId: p.subject.patientId, keyHash })),
    );
    if (replace)
      await d.repo.replaceMatchKeys(
        tx,
        tenantId,
        keys,
        prepared.map((p) => p.subject.patientId),
      );
    else await d.repo.insertMatchKeys(tx, tenantId, keys);
  }

  async function queueReviews(tx: DbOrTx, tenantId: string, decisions: readonly MatchDecision[]) {
    const now = d.clock.now();
    await d.repo.insertReviews(
      tx,
      decisions.flatMap((dec) =>
        dec.reviews.map((r) => ({
          id: newId(),
          tenantId,
          patientId: dec.patientId,
          candidateId: r.candidateId,
          score: r.score.score,
          evidence: r.score.fields.map((f) => ({ field: f.field, level: String(f.level), weight: f.weight })),
          createdAt: now,
        })),
      ),
    );
  }

  /**
   * One record becomes part of another person: its history moves to the survivor (ids kept for undo), it
   * is marked merged_into and drops out of search and matching; its identifiers stay on it and resolve to
   * the survivor. One audit row.
   */
  async function merge(
    tx: DbOrTx,
    ctx: MpiContext,
    survivorId: string,
    mergedId: string,
    reason: MergeReason,
    score: number | null,
  ) {
    if (survivorId === mergedId)
      throw new AppError('conflict', [{ path: 'mergedId', message: 'merge_same_record' }]);
    const active = await d.patients.loadSubjects(tx, [survivorId, mergedId]);
    const survivor = active.find((p) => p.patientId === survivorId);
    const merged = active.find((p) => p.patientId === mergedId);
    if (!survivor || !merged)
      throw new AppError('conflict', [
        { path: survivor ? 'mergedId' : 'survivorId', message: 'merge_record_inactive' },
      ]);
    const at = d.clock.now();
    const moves = await d.patients.reassignRows(tx, mergedId, survivorId);
    await d.patients.setMergedInto(tx, mergedId, survivorId, at);
    await d.repo.deleteMatchKeys(tx, mergedId);
    await d.repo.closeReviewsOf(tx, mergedId, at);
    const row = await d.repo.insertMerge(tx, {
      id: newId(),
      tenantId: ctx.tenantId,
      survivorId,
      mergedId,
      reason,
      score,
      moves,
      mergedBy: ctx.actor?.kind === 'user' ? ctx.actor.id : null,
      createdAt: at,
    });
    await audit(tx, ctx, 'patient.merged', survivorId, `merge=${row.id} merged=${mergedId} reason=${reason}`);
    return row;
  }

  /** Undo: the moved rows go back, the record is active again and its keys are restored. */
  async function undo(tx: DbOrTx, ctx: MpiContext & { actor: Actor }, mergeId: string) {
    const m = await d.repo.findMerge(tx, ctx.tenantId, mergeId);
    if (!m) throw new AppError('not_found');
    const done = await d.repo.markMergeUndone(
      tx,
      mergeId,
      ctx.actor.kind === 'user' ? ctx.actor.id : null,
      d.clock.now(),
    );
    if (!done) throw new AppError('conflict', [{ path: 'id', message: 'merge_already_undone' }]);
    await d.patients.restoreRows(tx, m.moves, m.mergedId);
    await d.patients.setMergedInto(tx, m.mergedId, null, d.clock.now());
    const [subject] = await d.patients.loadSubjects(tx, [m.mergedId]);
    if (subject) await storeKeys(tx, ctx.tenantId, [prepare(subject)], true);
    await audit(tx, ctx, 'patient.merge_undone', m.survivorId, `merge=${m.id} merged=${m.mergedId}`);
    return m;
  }

  async function audit(tx: DbOrTx, ctx: MpiContext, action: string, patientId: string, detail: string) {
    await d.audit.record(tx, ctx, {
      action,
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      detail,
    });
  }

  /**
   * A registration at the counter or in the console: the new record is matched like an import. Above the
   * upper threshold it is merged into the person it matches (returned, so staff see that record); between
   * the thresholds it is queued for review. Returns the id of the person the record now belongs to.
   */
  async function registerById(tx: DbOrTx, ctx: MpiContext, patientId: string): Promise<string> {
    const [subject] = await d.patients.loadSubjects(tx, [patientId]);
    if (!subject) return patientId;
    const prepared = prepare(subject);
    const [decision] = await matchBatch(tx, ctx.tenantId, [prepared]);
    if (decision!.outcome === 'auto_merge') {
      await merge(tx, ctx, decision!.candidateId!, patientId, 'auto', decision!.score!.score);
      return decision!.candidateId!;
    }
    await storeKeys(tx, ctx.tenantId, [prepared], false);
    await queueReviews(tx, ctx.tenantId, [decision!]);
    return patientId;
  }

  /** A changed name, birth date, phone or address changes how the person is found. */
  async function reindex(tx: DbOrTx, tenantId: string, patientId: string) {
    const [subject] = await d.patients.loadSubjects(tx, [patientId]);
    if (subject) await storeKeys(tx, tenantId, [prepare(subject)], true);
  }

  /**
   * Gives blocking keys to people stored without them (loaded in bulk, e.g. the demo population, or
   * from before the index existed), a page at a time, each page its own transaction. Returns how many.
   */
  async function indexMissing(
    db: { transaction: <T>(work: (tx: DbOrTx) => Promise<T>) => Promise<T> },
    tenantId: string,
    onPage: (done: number) => void = () => {},
  ): Promise<number> {
    let done = 0;
    for (;;) {
      const page = await db.transaction(async (tx) => {
        const ids = await d.repo.patientsWithoutKeys(tx, tenantId, 5000);
        const prepared = (await d.patients.loadSubjects(tx, ids)).map(prepare);
        await storeKeys(tx, tenantId, prepared, false);
        // A page where nobody got a key (nothing to block on) would come back forever: stop there.
        return prepared.some((p) => p.keyHashes.length) ? ids.length : 0;
      });
      done += page;
      onPage(done);
      if (page < 5000) return done;
    }
  }

  return {
    prepare,
    matchBatch,
    stageKeys,
    decideLoaded,
    applyMerges,
    storeKeys,
    queueReviews,
    merge,
    undo,
    indexMissing,
    registerById,
    reindex,
    params,
  };
}
export type MpiService = ReturnType<typeof createMpiService>;
