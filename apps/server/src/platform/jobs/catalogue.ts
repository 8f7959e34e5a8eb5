import type { Database } from '@carebridge/db';
import { identityJobs, identitySchedules } from '../../modules/identity/identity.jobs';
import { interopJobs } from '../../modules/interop/interop.jobs';
import { segmentationJobs, segmentationSchedules } from '../../modules/segmentation/segmentation.jobs';
import type { JobEngine } from './engine';
import { platformJobs, registerPlatformSchedules } from './system-jobs';

/** Every job CareBridge knows; a domain module adds its jobs and schedules here. */
export const allJobs = [...platformJobs, ...identityJobs, ...interopJobs, ...segmentationJobs];

/** Nightly housekeeping in the business time zone; re-registering replaces, so every start may call it. */
export async function registerSchedules(
  engine: JobEngine,
  database: Database,
  timeZone: string,
): Promise<void> {
  await registerPlatformSchedules(engine, database, timeZone);
  for (const s of [...identitySchedules, ...segmentationSchedules])
    await engine.schedule(s.job, s.cron, {}, { tz: timeZone });
}
