import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { testDbKinds } from '../../testing/test-db';

describe.each(testDbKinds())('audit trail on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  let auditor: Session;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login('admin');
    auditor = await t.login('auditor');
  });
  afterAll(() => t.close());

  it('records who changed what, from where, with the change', async () => {
    await t.as(admin, {
      method: 'POST',
      url: '/api/users',
      headers: { 'user-agent': 'audit-test-agent' },
      payload: {
        username: 'wang.fang',
        displayName: '王芳',
        roles: ['health_manager'],
        password: 'Wang-Fang-2026',
      },
    });
    const res = await t.as(auditor, {
      method: 'GET',
      url: '/api/audit-events?action=user.created&actor=admin',
    });
    expect(res.statusCode).toBe(200);
    const [event] = res.json().items;
    expect(event).toMatchObject({
      action: 'user.created',
      actorName: 'admin',
      resourceType: 'user',
      userAgent: 'audit-test-agent',
      outcome: 'success',
    });
    expect(event.ip).toBe('127.0.0.1');
  });

  it('writes no audit row when the change itself fails', async () => {
    const before = (
      await t.as(auditor, { method: 'GET', url: '/api/audit-events?action=user.created' })
    ).json().items.length;
    const dup = await t.as(admin, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'wang.fang',
        displayName: '王芳',
        roles: ['health_manager'],
        password: 'Wang-Fang-2026',
      },
    });
    expect(dup.statusCode).toBe(409);
    const after = (
      await t.as(auditor, { method: 'GET', url: '/api/audit-events?action=user.created' })
    ).json().items.length;
    expect(after).toBe(before);
  });

  it('cannot be changed or removed, not even by the database owner', async () => {
    const db = t.database.db;
    // Drizzle wraps the database's error; the trigger's message is its cause.
    const refusal = (statement: Promise<unknown>) =>
      statement.then(
        () => 'accepted',
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(await refusal(db.execute(sql`update audit_events set action = 'tampered'`))).toMatch(
      /append-only \(UPDATE refused\)/,
    );
    expect(await refusal(db.execute(sql`delete from audit_events`))).toMatch(
      /append-only \(DELETE refused\)/,
    );
    expect(await refusal(db.execute(sql`truncate audit_events`))).toMatch(/append-only \(TRUNCATE refused\)/);
    const count = await db.execute(
      sql`select count(*)::int as n from audit_events where action = 'tampered'`,
    );
    expect(count.rows[0]).toEqual({ n: 0 });
  });

  it('pages through results newest first with a cursor and filters by time', async () => {
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1000);
      await t.login('doctor');
    }
    const page1 = (
      await t.as(auditor, { method: 'GET', url: '/api/audit-events?action=auth.login&actor=doctor&limit=3' })
    ).json();
    expect(page1.items).toHaveLength(3);
    const page2 = (
      await t.as(auditor, {
        method: 'GET',
        url: `/api/audit-events?action=auth.login&actor=doctor&limit=3&cursor=${page1.nextCursor}`,
      })
    ).json();
    expect(page2.items.length).toBeGreaterThanOrEqual(2);
    const times = [...page1.items, ...page2.items].map((e: { occurredAt: string }) => e.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    const ids = new Set([...page1.items, ...page2.items].map((e: { id: string }) => e.id));
    expect(ids.size).toBe(page1.items.length + page2.items.length);

    const future = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const none = (
      await t.as(auditor, { method: 'GET', url: `/api/audit-events?from=${encodeURIComponent(future)}` })
    ).json();
    expect(none.items).toHaveLength(0);
    const bad = await t.as(auditor, { method: 'GET', url: '/api/audit-events?cursor=not-a-cursor' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('cursor');
  });

  it('records that the trail was searched, and for which patient', async () => {
    const patientId = '01a20300-0000-7000-8000-000000000001';
    await t.as(auditor, { method: 'GET', url: `/api/audit-events?patientId=${patientId}` });
    const res = (
      await t.as(auditor, { method: 'GET', url: '/api/audit-events?action=audit.searched&limit=5' })
    ).json();
    const forPatient = res.items.find((e: { patientId: string | null }) => e.patientId === patientId);
    expect(forPatient).toMatchObject({ actorName: 'auditor', action: 'audit.searched' });
  });

  it('keeps failed logins with the attempted name', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'intruder', password: 'guess-guess-guess' },
    });
    const res = (
      await t.as(auditor, { method: 'GET', url: '/api/audit-events?action=auth.login&actor=intruder' })
    ).json();
    expect(res.items[0]).toMatchObject({ outcome: 'failure', actorId: null });
  });
});
