import { z } from 'zod';

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;

export const jobQueueSchema = z.object({
  name: z.string(),
  retryLimit: z.number().int(),
  expireInSeconds: z.number().int(),
  counts: z.partialRecord(z.enum(JOB_STATES), z.number().int()),
});
export const jobsOverviewResponse = z.object({
  queues: z.array(jobQueueSchema),
  schedules: z.array(z.object({ name: z.string(), cron: z.string(), timezone: z.string() })),
});
export type JobsOverview = z.infer<typeof jobsOverviewResponse>;

export const jobNameParams = z.strictObject({
  name: z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9_-]+)+$/),
});
export const runJobRequest = z.record(z.string(), z.unknown());
export const runJobResponse = z.object({ id: z.string().nullable() });
