import type { z } from 'zod';
import type pino from 'pino';
import type { Database } from '@carebridge/db';
import type { Clock } from '../clock';

export interface RetryPolicy {
  /** Retries after the first attempt (0 = run once). */
  limit: number;
  delaySeconds: number;
  /** Exponential backoff from delaySeconds. */
  backoff: boolean;
}

/**
 * Application services a job handler may use, provided by the process that runs the worker
 * (`engine.provideServices`). Modules add theirs by declaration merging, next to their jobs.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobServices {}

export interface JobContext {
  jobId: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  clock: Clock;
  logger: pino.Logger;
  database: Database;
  services: Partial<JobServices>;
}

export interface JobDefinition<P extends z.ZodType = z.ZodType> {
  name: string;
  payload: P;
  retry: RetryPolicy;
  expireInSeconds: number;
  handler: (payload: z.infer<P>, ctx: JobContext) => Promise<void>;
}

export const defaultRetry: RetryPolicy = { limit: 3, delaySeconds: 30, backoff: true };
export const defaultExpireInSeconds = 15 * 60;

/** A job name is `domain.action`, which is also a valid pg-boss queue name. */
const jobNamePattern = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9_-]*)+$/;

export function defineJob<P extends z.ZodType>(def: {
  name: string;
  payload: P;
  retry?: RetryPolicy;
  expireInSeconds?: number;
  handler: (payload: z.infer<P>, ctx: JobContext) => Promise<void>;
}): JobDefinition {
  if (!jobNamePattern.test(def.name))
    throw new Error(`Job name "${def.name}" must look like "domain.action"`);
  const retry = def.retry ?? defaultRetry;
  if (!Number.isInteger(retry.limit) || retry.limit < 0)
    throw new Error(`Job ${def.name}: retry.limit must be ≥ 0`);
  const expireInSeconds = def.expireInSeconds ?? defaultExpireInSeconds;
  if (expireInSeconds < 1) throw new Error(`Job ${def.name}: expireInSeconds must be ≥ 1`);
  return { ...def, retry, expireInSeconds } as unknown as JobDefinition;
}

/** Enqueue named a job nobody registered (the API maps this to a 400). */
export class UnknownJobError extends Error {
  readonly code = 'JOB_UNKNOWN';
  constructor(readonly jobName: string) {
    super(`Unknown job "${jobName}"`);
    this.name = 'UnknownJobError';
  }
}

/** Enqueue got a payload its schema rejects. Carries paths and messages only, never the values. */
export class InvalidJobPayloadError extends Error {
  readonly code = 'JOB_PAYLOAD_INVALID';
  constructor(
    readonly jobName: string,
    readonly fields: { path: string; message: string }[],
  ) {
    super(
      `Invalid payload for job "${jobName}": ${fields.map((f) => `${f.path || '(root)'}: ${f.message}`).join('; ')}`,
    );
    this.name = 'InvalidJobPayloadError';
  }
}

export class JobRegistry {
  private readonly byName = new Map<string, JobDefinition>();

  constructor(jobs: JobDefinition[]) {
    for (const job of jobs) {
      if (this.byName.has(job.name)) throw new Error(`Job "${job.name}" is registered twice`);
      this.byName.set(job.name, job);
    }
  }

  all(): JobDefinition[] {
    return [...this.byName.values()];
  }

  get(name: string): JobDefinition {
    const job = this.byName.get(name);
    if (!job) throw new UnknownJobError(name);
    return job;
  }

  /** Validate on enqueue; returns the parsed payload (defaults applied). */
  parse(name: string, payload: unknown): unknown {
    const job = this.get(name);
    const result = job.payload.safeParse(payload);
    if (!result.success) {
      throw new InvalidJobPayloadError(
        name,
        result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      );
    }
    return result.data;
  }
}
