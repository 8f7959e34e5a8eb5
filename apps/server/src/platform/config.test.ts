import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('configuration from the environment', () => {
  it('has safe defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: './data',
      demo: true,
      timeZone: 'Asia/Shanghai',
    });
    expect(c.session).toMatchObject({ idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000, cookieSecure: false });
  });

  it('turns demo data off by default on a PostgreSQL server and cookies secure off loopback', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db.internal/carebridge', HOST: '0.0.0.0' });
    expect(c.demo).toBe(false);
    expect(c.session.cookieSecure).toBe(true);
  });

  it('keeps the idle timeout within a day (the session purge relies on it)', () => {
    expect(() => loadConfig({ CAREBRIDGE_SESSION_IDLE_MINUTES: '1441' })).toThrow(
      /CAREBRIDGE_SESSION_IDLE_MINUTES: must be at most 1440/,
    );
  });

  it('takes a 32-byte base64 data key and refuses anything else', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    expect(loadConfig({ CAREBRIDGE_DATA_KEY: key }).dataKey).toEqual(Buffer.alloc(32, 1));
    expect(() => loadConfig({ CAREBRIDGE_DATA_KEY: 'c2hvcnQ=' })).toThrow(
      /CAREBRIDGE_DATA_KEY: must be 32 random bytes, base64 encoded/,
    );
  });

  it('names every bad variable', () => {
    const message = (() => {
      try {
        loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', CAREBRIDGE_ADMIN_PASSWORD: 'short' });
        return 'accepted';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/^ {2}PORT: /m);
    expect(message).toMatch(/^ {2}DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL$/m);
    expect(message).toMatch(/^ {2}CAREBRIDGE_ADMIN_PASSWORD: must be at least 10 characters$/m);
  });
});
