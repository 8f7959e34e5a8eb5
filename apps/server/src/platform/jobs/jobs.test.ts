import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { createTestDatabase, testDbKinds, type TestDatabase } from '../../testing/test-db';
import { createJobEngine, InvalidJobPayloadError, UnknownJobError, type JobEngine } from './index';
import { platformJobs, registerPlatformSchedules, nightlyVacuumCron } from './system-jobs';
import { createRunsTable, runsTable, testJobs } from './test-jobs';

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(testDbKinds())('job engine on %s', (kind) => {
  let database: TestDatabase;
  let engine: JobEngine;
  const logLines: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await createRunsTable(database);
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    engine = await createJobEngine({
      database,
      jobs: [...platformJobs, ...testJobs],
      logger: pino({ level: 'info' }, sink),
      worker: { pollIntervalMs: 100 },
      maintenanceIntervalSeconds: 5,
    });
    await engine.startWorker();
  });

  afterAll(async () => {
    await engine?.stop({ graceful: true });
    await database?.close();
  });

  async function runsOf(key: string) {
    const { rows } = await database.pool.query<{ attempt: number; outcome: string }>(
      `SELECT attempt, outcome FROM ${runsTable} WHERE key = $1 ORDER BY at, attempt`,
      [key],
    );
    return rows;
  }

  async function settled(name: string, id: string) {
    return waitFor(async () => {
      const state = await engine.jobState(name, id);
      return state && ['completed', 'failed', 'cancelled'].includes(state.state) ? state : undefined;
    });
  }

  it('creates no job when the enqueuing transaction rolls back', async () => {
    const key = `rollback-${kind}`;
    let id: string | null = null;
    await expect(
      database.db.transaction(async (tx) => {
        id = await engine.enqueue('test.record', { key }, { tx });
        throw new Error('business write failed');
      }),
    ).rejects.toThrow('business write failed');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await engine.jobState('test.record', id!)).toBeNull();
    await new Promise((r) => setTimeout(r, 500));
    expect(await runsOf(key)).toEqual([]);
  });

  it('runs a job enqueued in a transaction once it commits', async () => {
    const key = `commit-${kind}`;
    const id = await database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      return engine.enqueue('test.record', { key }, { tx });
    });
    expect(id).not.toBeNull();
    expect(await settled('test.record', id!)).toEqual({ state: 'completed', attempts: 1 });
    expect(await runsOf(key)).toEqual([{ attempt: 1, outcome: 'done' }]);
  });

  it('rejects unknown job names and invalid payloads on enqueue, naming the field', async () => {
    await expect(engine.enqueue('test.nope', {})).rejects.toBeInstanceOf(UnknownJobError);
    const error = await engine.enqueue('test.record', { key: 42 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidJobPayloadError);
    expect((error as InvalidJobPayloadError).fields.map((f) => f.path)).toEqual(['key']);
  });

  it('retries by the job policy: fails twice, succeeds on the third attempt', async () => {
    const key = `retry-${kind}`;
    const id = await engine.enqueue('test.record', { key, failTimes: 2 });
    expect(await settled('test.record', id!)).toEqual({ state: 'completed', attempts: 3 });
    expect(await runsOf(key)).toEqual([
      { attempt: 1, outcome: 'failed' },
      { attempt: 2, outcome: 'failed' },
      { attempt: 3, outcome: 'done' },
    ]);
  });

  it('gives up after the retry limit', async () => {
    const key = `exhaust-${kind}`;
    const id = await engine.enqueue('test.record', { key, failTimes: 10 });
    expect(await settled('test.record', id!)).toEqual({ state: 'failed', attempts: 4 });
    expect((await runsOf(key)).length).toBe(4);
  });

  it('fails a job whose stored payload no longer validates, without retries and without logging it', async () => {
    // A payload written past the validator (an older schema, a manual insert).
    const id = await engine.enqueue(
      'test.record',
      { key: 'valid-on-enqueue' },
      { startAfter: new Date(Date.now() + 60_000) },
    );
    await database.pool.query(`UPDATE pgboss.job SET data = $1, start_after = now() WHERE id = $2`, [
      JSON.stringify({ key: 'patient-4711-secret', failTimes: -1 }),
      id,
    ]);
    expect(await settled('test.record', id!)).toEqual({ state: 'failed', attempts: 1 });
    expect(await runsOf('patient-4711-secret')).toEqual([]);
    const log = logLines.join('');
    expect(log).toContain(id);
    expect(log).not.toContain('patient-4711-secret');
  });

  it('deduplicates by singleton key', async () => {
    const later = new Date(Date.now() + 60_000);
    const first = await engine.enqueue(
      'test.record',
      { key: 'single' },
      { singletonKey: 'k1', startAfter: later },
    );
    const second = await engine.enqueue(
      'test.record',
      { key: 'single' },
      { singletonKey: 'k1', startAfter: later },
    );
    expect(first).not.toBeNull();
    expect(second).toBeNull();
  });

  it('runs system.vacuum and registers its nightly schedule only on PGlite', async () => {
    const id = await engine.enqueue('system.vacuum', {});
    expect((await settled('system.vacuum', id!)).state).toBe('completed');
    await registerPlatformSchedules(engine, database);
    const schedules = await engine.schedules();
    if (kind === 'pglite') {
      expect(schedules).toEqual([
        { name: 'system.vacuum', cron: nightlyVacuumCron, timezone: 'Asia/Shanghai' },
      ]);
    } else {
      expect(schedules).toEqual([]);
    }
    await engine.schedule('test.record', '*/5 * * * *', { key: 'cron' }, { tz: 'UTC' });
    expect(await engine.schedules()).toContainEqual({
      name: 'test.record',
      cron: '*/5 * * * *',
      timezone: 'UTC',
    });
    await expect(engine.schedule('test.record', '*/5 * * * *', { key: 1 })).rejects.toBeInstanceOf(
      InvalidJobPayloadError,
    );
  });
});
