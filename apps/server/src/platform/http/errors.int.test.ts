import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelope } from '@carebridge/contracts';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp('pglite', { env: { CAREBRIDGE_BODY_LIMIT_BYTES: '4096' } });
  admin = await t.login('admin');
});
afterAll(() => t.close());

const post = (payload: string | object, headers: Record<string, string> = {}) =>
  t.as(admin, {
    method: 'POST',
    url: '/api/users',
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

describe('error envelope', () => {
  it('answers malformed JSON with 400 malformed_json and no stack trace', async () => {
    const res = await post('{"username": "li"');
    expect(res.statusCode).toBe(400);
    expect(errorEnvelope.parse(res.json()).error.code).toBe('malformed_json');
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('names each wrong field, in Chinese by default and in English on request', async () => {
    const bad = { username: 'li', displayName: '', roles: ['wizard'], password: 123 };
    const zh = await post(bad);
    expect(zh.statusCode).toBe(400);
    const fields = errorEnvelope.parse(zh.json()).error.fields!;
    expect(fields.map((f) => f.path).sort()).toEqual(['displayName', 'password', 'roles.0']);
    expect(fields.find((f) => f.path === 'displayName')!.message).toBe('至少需要 1 个字符');
    const en = await post(bad, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.json().error.message).toBe('The request has invalid fields');
    expect(en.json().error.fields.find((f: { path: string }) => f.path === 'displayName').message).toBe(
      'Must have at least 1 characters',
    );
  });

  it('rejects unknown fields instead of ignoring them', async () => {
    const res = await post({
      username: 'li.na',
      displayName: '李娜',
      roles: ['nurse'],
      password: 'Li-Na-2026-pw',
      isRoot: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toContain('isRoot');
  });

  it('limits body size with 413 and writes nothing', async () => {
    const res = await post({
      username: 'big.one',
      displayName: 'x'.repeat(5000),
      roles: ['nurse'],
      password: 'Big-One-2026-pw',
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    const users = await t.as(admin, { method: 'GET', url: '/api/users' });
    expect(users.body).not.toContain('big.one');
  });

  it('answers unknown API routes with a 404 envelope', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/no-such-thing',
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'not_found', message: 'Not found' });
  });

  it('treats a garbage session cookie as not signed in', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: 'cb_session=%%%garbage' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('not_authenticated');
  });

  it('echoes a caller-provided request id and makes one otherwise', async () => {
    const given = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'his-trace-12345678' },
    });
    expect(given.headers['x-request-id']).toBe('his-trace-12345678');
    const made = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.headers['x-content-type-options']).toBe('nosniff');
    expect(made.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
