import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import { IMPORT_FILE_JOB, type ImportsService } from './imports.service';

declare module '../../platform/jobs/registry' {
  interface JobServices {
    imports: Pick<ImportsService, 'run'>;
  }
}

/**
 * Runs one CSV/Excel import. A run that dies half-way (crash, restart) is retried from the start: every row
 * is idempotent by its source key, so the rows already written count as unchanged the second time.
 */
export const importFileJob = defineJob({
  name: IMPORT_FILE_JOB,
  payload: z.object({ importId: z.uuid() }).strict(),
  retry: { limit: 2, delaySeconds: 30, backoff: true },
  // A million rows take about a minute on PostgreSQL and several on the embedded database.
  expireInSeconds: 2 * 3600,
  handler: async ({ importId }, { services, logger }) => {
    if (!services.imports) throw new Error('imports service not provided to the worker');
    const counts = await services.imports.run(importId);
    logger.info({ importId, counts }, 'import finished');
  },
});

export const interopJobs = [importFileJob];
