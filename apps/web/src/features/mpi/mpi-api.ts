import type { z } from 'zod';
import type {
  mpiMergeListResponse,
  mpiMergeSchema,
  mpiReviewListResponse,
  mpiReviewSchema,
} from '@carebridge/contracts';
import { apiRequest } from '../../api/client';

export type Review = z.infer<typeof mpiReviewSchema>;
export type ReviewStatus = Review['status'];
export type ReviewSide = Review['patient'];
export type Evidence = Review['evidence'][number];
export type Merge = z.infer<typeof mpiMergeSchema>;

/** Everything cached about the duplicate queue: one invalidation refreshes every status tab. */
export const REVIEWS_QUERY_KEY = ['mpi-reviews'] as const;

export const listReviews = (status: ReviewStatus, limit: number, offset: number) =>
  apiRequest<z.infer<typeof mpiReviewListResponse>>('GET', '/api/mpi/reviews', {
    query: { status, limit, offset },
  });

/** 合并 (the survivor keeps both histories) or 不是同一人 (the pair is not proposed again). */
export const decideReview = (
  id: string,
  body: { decision: 'merge'; survivorId: string } | { decision: 'distinct' },
) => apiRequest<{ status: string }>('POST', `/api/mpi/reviews/${encodeURIComponent(id)}/decision`, { body });

/** Merges a record took part in, newest first: right after a merge, the first is the one just made. */
export const listMergesOf = (patientId: string) =>
  apiRequest<z.infer<typeof mpiMergeListResponse>>(
    'GET',
    `/api/patients/${encodeURIComponent(patientId)}/merges`,
  );

export const undoMerge = (mergeId: string) =>
  apiRequest<Merge>('POST', `/api/mpi/merges/${encodeURIComponent(mergeId)}/undo`);
