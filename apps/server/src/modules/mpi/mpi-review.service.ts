import type { Db, DbOrTx } from '@carebridge/db';
import { AppError } from '../../platform/errors';
import type { Actor, RequestOrigin } from '../../platform/http/actor';
import type { Clock } from '../../platform/clock';
import type { AuditService } from '../audit/audit.service';
import type { MpiService } from './mpi.service';
import type * as repo from './mpi.repository';

/** One side of a review: what staff need to judge "same person?" — numbers masked. */
export interface ReviewSide {
  id: string;
  name: string;
  gender: string;
  birthDate: string | null;
  idCardMasked: string | null;
  phonesMasked: string[];
  address: string | null;
  identifiers: { system: string; value: string }[];
  visits: number;
  createdAt: string;
}

export interface MpiReviewDeps {
  db: Db;
  repo: Pick<typeof repo, 'listReviews' | 'findReview' | 'decideReview' | 'mergesOf' | 'findMerge'>;
  mpi: Pick<MpiService, 'merge' | 'undo'>;
  /** The two records side by side (patients and clinical modules). */
  describe: (db: DbOrTx, ids: string[]) => Promise<Map<string, ReviewSide>>;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
}

/** The duplicate review queue: staff look at two records, then merge them or keep them apart. */
export function createMpiReviewService(d: MpiReviewDeps) {
  const ctx = (actor: Actor, origin: RequestOrigin) => ({ tenantId: actor.tenantId, actor, origin });

  async function list(
    actor: Actor,
    q: { status: string; limit: number; offset: number },
    origin: RequestOrigin,
  ) {
    return d.db.transaction(async (tx) => {
      const { rows, total } = await d.repo.listReviews(tx, actor.tenantId, q.status, q.limit, q.offset);
      const sides = await d.describe(
        tx,
        rows.flatMap((r) => [r.patientId, r.candidateId]),
      );
      // Showing two records is reading them: one audit row per page, naming how many.
      await d.audit.record(tx, ctx(actor, origin), {
        action: 'mpi.reviews_viewed',
        resourceType: 'mpi_review',
        detail: `count=${rows.length}`,
      });
      return {
        total,
        items: rows
          .filter((r) => sides.has(r.patientId) && sides.has(r.candidateId))
          .map((r) => ({
            id: r.id,
            status: r.status as 'open' | 'merged' | 'distinct',
            score: r.score,
            evidence: r.evidence,
            patient: sides.get(r.patientId)!,
            candidate: sides.get(r.candidateId)!,
            createdAt: r.createdAt.toISOString(),
          })),
      };
    });
  }

  async function decide(
    actor: Actor,
    id: string,
    body: { decision: 'merge' | 'distinct'; survivorId?: string | undefined },
    origin: RequestOrigin,
  ) {
    return d.db.transaction(async (tx) => {
      const review = await d.repo.findReview(tx, actor.tenantId, id);
      if (!review) throw new AppError('not_found');
      const pair = [review.patientId, review.candidateId];
      const survivor = body.survivorId ?? review.candidateId;
      if (!pair.includes(survivor))
        throw new AppError('validation_failed', [{ path: 'survivorId', message: 'survivor_not_in_pair' }]);
      const decided = await d.repo.decideReview(
        tx,
        id,
        body.decision === 'merge' ? 'merged' : 'distinct',
        actor.kind === 'user' ? actor.id : null,
        d.clock.now(),
      );
      if (!decided) throw new AppError('conflict', [{ path: 'id', message: 'review_already_decided' }]);
      if (body.decision === 'merge') {
        const merged = pair.find((p) => p !== survivor)!;
        await d.mpi.merge(tx, ctx(actor, origin), survivor, merged, 'review', review.score);
      } else
        await d.audit.record(tx, ctx(actor, origin), {
          action: 'mpi.kept_apart',
          resourceType: 'patient',
          resourceId: review.patientId,
          patientId: review.patientId,
          detail: `review=${id} candidate=${review.candidateId}`,
        });
      return { status: decided.status };
    });
  }

  async function merge(actor: Actor, body: { survivorId: string; mergedId: string }, origin: RequestOrigin) {
    return d.db.transaction(async (tx) =>
      view(await d.mpi.merge(tx, ctx(actor, origin), body.survivorId, body.mergedId, 'manual', null)),
    );
  }

  async function undo(actor: Actor, mergeId: string, origin: RequestOrigin) {
    return d.db.transaction(async (tx) => {
      await d.mpi.undo(tx, ctx(actor, origin), mergeId);
      return view((await d.repo.findMerge(tx, actor.tenantId, mergeId))!);
    });
  }

  async function mergesOf(actor: Actor, patientId: string) {
    return { items: (await d.repo.mergesOf(d.db, actor.tenantId, patientId)).map(view) };
  }

  return { list, decide, merge, undo, mergesOf };
}
export type MpiReviewService = ReturnType<typeof createMpiReviewService>;

function view(m: {
  id: string;
  survivorId: string;
  mergedId: string;
  reason: string;
  score: number | null;
  createdAt: Date;
  undoneAt: Date | null;
}) {
  return {
    id: m.id,
    survivorId: m.survivorId,
    mergedId: m.mergedId,
    reason: m.reason as 'auto' | 'review' | 'hl7_a40' | 'manual',
    score: m.score,
    createdAt: m.createdAt.toISOString(),
    undoneAt: m.undoneAt?.toISOString() ?? null,
  };
}
