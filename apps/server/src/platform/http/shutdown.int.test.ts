import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app';

describe('graceful shutdown', () => {
  it('lets a request in progress finish, refuses new ones, and closes its keep-alive connection', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    // A route only this test has, so that "in progress" is certain rather than a matter of timing.
    const t = await createTestApp('pglite', {
      beforeReady: (app) => {
        app.get('/test/slow', { config: { permission: 'public' } }, async () => {
          entered();
          await gate;
          return { done: true };
        });
      },
    });
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });

    const slow = fetch(`${url}/test/slow`);
    await inHandler;
    const closed = t.app.close();
    const refused = await fetch(`${url}/api/health`).then(
      (r) => r.status,
      () => 'connection refused',
    );
    expect([503, 'connection refused']).toContain(refused);
    release();
    const res = await slow;
    expect(res.status).toBe(200);
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.json()).toEqual({ done: true });
    await closed;
    await t.database.close();
  });
});
