export { defineJob, UnknownJobError, InvalidJobPayloadError } from './registry';
export type { JobDefinition, JobContext, RetryPolicy } from './registry';
export { createJobEngine } from './engine';
export type {
  JobEngine,
  JobEngineOptions,
  EnqueueOptions,
  JobState,
  WorkerTuning,
  QueueSummary,
} from './engine';
export {
  platformJobs,
  vacuumJob,
  noopJob,
  registerPlatformSchedules,
  nightlyVacuumCron,
} from './system-jobs';
