import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app';
import { testDbKinds } from '../../testing/test-db';

describe.each(testDbKinds())('health on %s', (kind) => {
  it('says ok after a real database round trip, and 503 when the database is gone', async () => {
    const t = await createTestApp(kind);
    try {
      const ok = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ status: 'ok', db: kind });
      await t.database.pool.end();
      const down = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(down.statusCode).toBe(503);
      expect(down.json().error.code).toBe('database_unavailable');
    } finally {
      await t.app.close();
      await t.database.close();
    }
  });
});
