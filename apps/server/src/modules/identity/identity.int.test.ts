import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../testing/test-app';
import { testDbKinds } from '../../testing/test-db';

const MINUTE = 60_000;

describe.each(testDbKinds())('staff accounts and sessions on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('signs in, says who I am, and signs out for good', async () => {
    const s = await t.login('admin');
    const me = await t.as(s, { method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'admin', roles: ['admin'] });
    expect(me.json().permissions).toContain('users.manage');

    const out = await t.as(s, { method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(200);
    const after = await t.as(s, { method: 'GET', url: '/api/auth/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('session_expired');
  });

  it('sets an httpOnly SameSite cookie and never returns the password hash', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'doctor', password: DEMO_PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === 'cb_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(res.body).not.toMatch(/argon2|passwordHash/);
  });

  it('rejects a wrong password without saying whether the user exists', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nurse', password: 'not-the-password' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody-here', password: 'not-the-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe(unknown.json().error.code);
  });

  it('locks an account for 15 minutes after 5 failed logins, even for the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'marketing', password: `wrong-${i}-password` },
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'marketing', password: DEMO_PASSWORD },
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('account_locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    t.clock.advance(15 * MINUTE + 1000);
    await expect(t.login('marketing')).resolves.toHaveProperty('csrfToken');
  });

  it('ends a session after 30 idle minutes', async () => {
    const s = await t.login('nurse');
    t.clock.advance(29 * MINUTE);
    expect((await t.as(s, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    t.clock.advance(29 * MINUTE); // activity 29 min ago counted: still alive
    expect((await t.as(s, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    t.clock.advance(31 * MINUTE);
    const expired = await t.as(s, { method: 'GET', url: '/api/auth/me' });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('session_expired');
  });

  it('ends an active session after 12 hours regardless of activity', async () => {
    const s = await t.login('analyst');
    for (let elapsed = 0; elapsed < 12 * 60; elapsed += 20) {
      t.clock.advance(20 * MINUTE);
      const r = await t.as(s, { method: 'GET', url: '/api/auth/me' });
      if (elapsed + 20 <= 12 * 60) expect(r.statusCode, `after ${elapsed + 20} min`).toBe(200);
    }
    t.clock.advance(1 * MINUTE);
    expect((await t.as(s, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const s = await t.login('admin');
    const res = await t.as(s, {
      method: 'POST',
      url: '/api/users',
      headers: { 'x-csrf-token': 'forged' },
      payload: {},
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(none.statusCode).toBe(403);
  });

  it('changes my own password by the rules and ends my other sessions', async () => {
    const first = await t.login('quality_officer');
    const second = await t.login('quality_officer');
    const tooShort = await t.as(first, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'short' },
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.fields[0].path).toBe('newPassword');
    const isUsername = await t.as(first, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'Quality_Officer' },
    });
    expect(isUsername.statusCode).toBe(400);
    expect(isUsername.json().error.fields[0].message).toBe('密码不能与用户名相同');
    const wrongCurrent = await t.as(first, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'nope-nope-nope', newPassword: 'A-new-password-1' },
    });
    expect(wrongCurrent.json().error.fields[0].path).toBe('currentPassword');

    const ok = await t.as(first, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'A-new-password-1' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await t.as(first, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await t.as(second, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    await expect(t.login('quality_officer', 'A-new-password-1')).resolves.toBeTruthy();
  });

  it('lets an admin create, re-role and disable staff; a disabled user is signed out at once', async () => {
    const admin = await t.login('admin');
    const created = await t.as(admin, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'zhang.wei',
        displayName: '张伟',
        department: '客户服务中心',
        roles: ['service_agent'],
        password: 'Zhang-Wei-2026',
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const duplicate = await t.as(admin, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'ZHANG.WEI',
        displayName: '张伟',
        roles: ['service_agent'],
        password: 'Zhang-Wei-2026',
      },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.fields[0]).toMatchObject({ path: 'username', message: '该用户名已被使用' });

    const zhang = await t.login('zhang.wei', 'Zhang-Wei-2026');
    expect((await t.as(zhang, { method: 'GET', url: '/api/users' })).statusCode).toBe(403);
    const rerole = await t.as(admin, {
      method: 'PATCH',
      url: `/api/users/${id}`,
      payload: { roles: ['service_agent', 'leadership'] },
    });
    expect(rerole.json().roles).toEqual(['service_agent', 'leadership']);
    // Re-roling ends the old session so the new rights (or the loss of them) apply now.
    expect((await t.as(zhang, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const zhang2 = await t.login('zhang.wei', 'Zhang-Wei-2026');
    expect((await t.as(zhang2, { method: 'GET', url: '/api/users' })).statusCode).toBe(200);

    const disabled = await t.as(admin, {
      method: 'PATCH',
      url: `/api/users/${id}`,
      payload: { active: false },
    });
    expect(disabled.json().active).toBe(false);
    expect((await t.as(zhang2, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'zhang.wei', password: 'Zhang-Wei-2026' },
    });
    expect(refused.json().error.code).toBe('account_disabled');
  });

  it('does not let an admin disable themself', async () => {
    const admin = await t.login('admin');
    const me = (await t.as(admin, { method: 'GET', url: '/api/auth/me' })).json();
    const res = await t.as(admin, {
      method: 'PATCH',
      url: `/api/users/${me.id}`,
      payload: { active: false },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('active');
  });

  it('issues API tokens that work as Bearer without CSRF, are shown once and can be revoked', async () => {
    const admin = await t.login('admin');
    const created = await t.as(admin, {
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: 'HIS 接口', roles: ['auditor'] },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json<{ token: string; id: string }>();
    expect(token).toMatch(/^cbt_/);
    const listed = await t.as(admin, { method: 'GET', url: '/api/api-tokens' });
    expect(listed.body).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/audit-events', headers: bearer })).statusCode,
    ).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/api-tokens', headers: bearer })).statusCode).toBe(
      403,
    );

    expect((await t.as(admin, { method: 'DELETE', url: `/api/api-tokens/${id}` })).statusCode).toBe(200);
    const revoked = await t.app.inject({ method: 'GET', url: '/api/audit-events', headers: bearer });
    expect(revoked.statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/audit-events',
          headers: { authorization: 'Bearer cbt_made_up' },
        })
      ).statusCode,
    ).toBe(401);
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { env: { CAREBRIDGE_LOGIN_RATE_PER_MINUTE: '3' } });
  });
  afterAll(() => t.close());

  it('answers 429 in the envelope once a client exceeds the login rate', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'doctor', password: 'wrong-password-x' },
      });
      codes.push(r.statusCode);
      if (r.statusCode === 429) expect(r.json().error.code).toBe('rate_limited');
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
  });
});
