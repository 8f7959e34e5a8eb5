import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idParams,
  mpiDecisionRequest,
  mpiMergeListResponse,
  mpiMergeRequest,
  mpiMergeSchema,
  mpiReviewListResponse,
  mpiReviewQuery,
} from '@carebridge/contracts';
import type { AppDeps } from '../../app';
import { originOf } from '../../platform/http/origin';

export const mpiRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { mpiReview } = deps;
  const tags = ['master patient index'];
  const permission = 'mpi.review' as const;

  app.get(
    '/api/mpi/reviews',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'Possible duplicates waiting for a decision, the two records side by side (numbers masked)',
        querystring: mpiReviewQuery,
        response: { 200: mpiReviewListResponse },
      },
    },
    async (req) => mpiReview.list(req.actor!, req.query, originOf(req)),
  );

  app.post(
    '/api/mpi/reviews/:id/decision',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'Merge the two records (the survivor keeps the history) or keep them apart',
        params: idParams,
        body: mpiDecisionRequest,
        response: { 200: z.object({ status: z.string() }) },
      },
    },
    async (req) => mpiReview.decide(req.actor!, req.params.id, req.body, originOf(req)),
  );

  app.post(
    '/api/mpi/merges',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'Merge two records by hand',
        body: mpiMergeRequest,
        response: { 201: mpiMergeSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await mpiReview.merge(req.actor!, req.body, originOf(req))),
  );

  app.post(
    '/api/mpi/merges/:id/undo',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'Undo a merge: exactly the rows it moved go back',
        params: idParams,
        response: { 200: mpiMergeSchema },
      },
    },
    async (req) => mpiReview.undo(req.actor!, req.params.id, originOf(req)),
  );

  app.get(
    '/api/patients/:id/merges',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'Merges this record took part in',
        params: idParams,
        response: { 200: mpiMergeListResponse },
      },
    },
    async (req) => mpiReview.mergesOf(req.actor!, req.params.id),
  );
};
