import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { testDbKinds } from '../../testing/test-db';
import { purgeEndedSessionsJob } from '../identity/identity.jobs';

describe.each(testDbKinds())('background jobs through the API on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp(kind, { jobs: true });
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('runs a job now for an administrator, validates its payload, and audits it', async () => {
    const ok = await t.as(admin, { method: 'POST', url: '/api/jobs/system.noop', payload: { n: 1 } });
    expect(ok.statusCode).toBe(202);
    const id = ok.json().id as string;
    expect(await t.deps.jobs!.jobState('system.noop', id)).toMatchObject({ state: 'created' });

    const bad = await t.as(admin, { method: 'POST', url: '/api/jobs/system.noop', payload: { n: 'one' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('n');
    const unknown = await t.as(admin, { method: 'POST', url: '/api/jobs/system.nothing', payload: {} });
    expect(unknown.statusCode).toBe(404);

    const auditor = await t.login('auditor');
    const trail = (
      await t.as(auditor, { method: 'GET', url: '/api/audit-events?action=job.enqueued' })
    ).json();
    expect(trail.items).toHaveLength(1);
    expect(trail.items[0]).toMatchObject({ actorName: 'admin', resourceId: id });
  });

  it('shows analysts the queues and their counts', async () => {
    const analyst = await t.login('analyst');
    const res = await t.as(analyst, { method: 'GET', url: '/api/jobs' });
    expect(res.statusCode).toBe(200);
    const noop = res.json().queues.find((q: { name: string }) => q.name === 'system.noop');
    expect(noop.counts.created).toBeGreaterThanOrEqual(1);
    expect(res.json().queues.map((q: { name: string }) => q.name)).toContain('identity.purgeEndedSessions');
  });

  it('purges sessions unused for more than a week, and keeps the rest', async () => {
    await t.login('doctor'); // never used again: a week later it goes
    const old = await t.login('nurse');
    await t.as(old, { method: 'POST', url: '/api/auth/logout' }); // revoked now
    t.clock.advance(8 * 24 * 3_600_000);
    const recent = await t.login('nurse'); // active now: kept
    const count = async () =>
      (await t.database.db.execute(sql`select count(*)::int as n from sessions`)).rows[0] as { n: number };
    const before = (await count()).n;
    await purgeEndedSessionsJob.handler(
      {},
      {
        jobId: 'test',
        attempt: 1,
        clock: t.clock,
        logger: pino({ level: 'silent' }),
        database: t.database,
        services: {},
      },
    );
    const after = (await count()).n;
    expect(before).toBeGreaterThanOrEqual(3);
    expect(after).toBe(1); // only the session that is still active
    expect((await t.as(recent, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });
});
