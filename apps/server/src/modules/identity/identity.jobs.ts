import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import { deleteSessionsUnusedSince } from './identity.repository';

/** Ended sessions are kept a week after their last use (to answer "was this session still valid?"), then removed. */
const KEEP_ENDED_SESSIONS_MS = 7 * 24 * 3_600_000;

export const purgeEndedSessionsJob = defineJob({
  name: 'identity.purgeEndedSessions',
  payload: z.object({}).strict(),
  retry: { limit: 3, delaySeconds: 300, backoff: true },
  expireInSeconds: 10 * 60,
  handler: async (_payload, { database, clock, logger }) => {
    const removed = await deleteSessionsUnusedSince(
      database.db,
      new Date(clock.now().getTime() - KEEP_ENDED_SESSIONS_MS),
    );
    logger.info({ removed }, 'ended sessions purged');
  },
});

export const identityJobs = [purgeEndedSessionsJob];
export const identitySchedules = [{ job: purgeEndedSessionsJob.name, cron: '15 4 * * *' }];
