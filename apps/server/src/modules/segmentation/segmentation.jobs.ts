import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import type { RecomputeService } from './recompute.service';
import { RECOMPUTE_JOB } from './segmentation.service';

declare module '../../platform/jobs/registry' {
  interface JobServices {
    segmentation: Pick<RecomputeService, 'recomputeAll' | 'refreshDirty'> & {
      /** Every tenant, for the schedules (which carry no tenant). */
      tenantIds(): Promise<string[]>;
    };
  }
}

const tenantPayload = z.object({ tenantId: z.uuid().optional() }).strict();

/** A full recompute: nightly, after a policy is saved, or on demand. One transaction; a retry starts over. */
export const recomputeJob = defineJob({
  name: RECOMPUTE_JOB,
  payload: tenantPayload,
  retry: { limit: 2, delaySeconds: 120, backoff: true },
  // A million patients take under a minute on PostgreSQL and several on the embedded database.
  expireInSeconds: 2 * 3600,
  handler: async ({ tenantId }, { services, logger }) => {
    if (!services.segmentation) throw new Error('segmentation service not provided to the worker');
    const tenants = tenantId ? [tenantId] : await services.segmentation.tenantIds();
    for (const t of tenants) {
      const outcome = await services.segmentation.recomputeAll(t);
      logger.info({ tenantId: t, ...outcome }, 'segmentation recomputed');
    }
  },
});

/** Grades the patients whose visits, charges or results changed (marked in the same transaction). */
export const refreshDirtyJob = defineJob({
  name: 'segmentation.refreshDirty',
  payload: tenantPayload,
  retry: { limit: 3, delaySeconds: 30, backoff: true },
  expireInSeconds: 30 * 60,
  handler: async ({ tenantId }, { services, logger }) => {
    if (!services.segmentation) throw new Error('segmentation service not provided to the worker');
    const tenants = tenantId ? [tenantId] : await services.segmentation.tenantIds();
    for (const t of tenants) {
      const patients = await services.segmentation.refreshDirty(t);
      if (patients) logger.info({ tenantId: t, patients }, 'segmentation refreshed');
    }
  },
});

export const segmentationJobs = [recomputeJob, refreshDirtyJob];
export const segmentationSchedules = [
  { job: recomputeJob.name, cron: '10 2 * * *' },
  { job: refreshDirtyJob.name, cron: '* * * * *' },
];
