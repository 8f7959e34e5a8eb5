import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { jobNameParams, jobsOverviewResponse, runJobRequest, runJobResponse } from '@carebridge/contracts';
import type { AppDeps } from '../../app';
import { AppError } from '../../platform/errors';
import { InvalidJobPayloadError, UnknownJobError } from '../../platform/jobs';
import { originOf } from '../../platform/http/origin';

/** Operations: what the background queues hold, and "run this job now" for administrators. */
export const jobsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const jobs = deps.jobs;
  if (!jobs) return;
  const tags = ['jobs'];

  app.get(
    '/api/jobs',
    {
      config: { permission: 'jobs.read' },
      schema: {
        tags,
        summary: 'Background job queues, their counts by state, and schedules',
        response: { 200: jobsOverviewResponse },
      },
    },
    async () => ({ queues: await jobs.queues(), schedules: await jobs.schedules() }),
  );

  app.post(
    '/api/jobs/:name',
    {
      config: { permission: 'jobs.manage' },
      schema: {
        tags,
        summary: 'Run a job now (payload validated by the job)',
        params: jobNameParams,
        body: runJobRequest,
        response: { 202: runJobResponse },
      },
    },
    async (req, reply) => {
      const actor = req.actor!;
      try {
        const id = await deps.database.db.transaction(async (tx) => {
          const jobId = await jobs.enqueue(req.params.name, req.body, { tx });
          await deps.audit.record(
            tx,
            { tenantId: actor.tenantId, actor, origin: originOf(req) },
            {
              action: 'job.enqueued',
              resourceType: 'job',
              resourceId: jobId ?? req.params.name,
              detail: req.params.name,
            },
          );
          return jobId;
        });
        return reply.code(202).send({ id });
      } catch (error) {
        if (error instanceof UnknownJobError) throw new AppError('not_found');
        if (error instanceof InvalidJobPayloadError) throw new AppError('validation_failed', error.fields);
        throw error;
      }
    },
  );
};
