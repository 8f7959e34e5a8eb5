import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startServerProcess } from './testing/server-process';
import { createTestDatabase } from './testing/test-db';

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'carebridge-cli-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the carebridge command', () => {
  it('lists its commands, and each has --help', async () => {
    const top = await runCli(['--help'], {});
    expect(top.code).toBe(0);
    for (const command of ['serve', 'worker', 'all', 'migrate', 'seed', 'create-admin']) {
      expect(top.stdout).toContain(command);
      const help = await runCli([command, '--help'], {});
      expect(help.code, command).toBe(0);
      expect(help.stdout).toContain(`Usage: carebridge ${command}`);
    }
  });

  it('refuses to start on bad configuration and names the variable', async () => {
    const res = await runCli(['serve'], { PORT: 'eighty', CAREBRIDGE_DATA_DIR: scratch() });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/invalid configuration:\n\s+PORT: /);
  });

  it('says clearly when DATABASE_URL cannot be reached, without printing its password', async () => {
    const res = await runCli(['migrate'], {
      DATABASE_URL: 'postgres://carebridge:s3cret@127.0.0.1:1/carebridge',
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      'DATABASE_URL (postgres://carebridge:***@127.0.0.1:1/carebridge) is not reachable',
    );
    expect(res.stderr).not.toContain('s3cret');
  });

  it('migrates, seeds and creates an admin on an embedded database', async () => {
    const env = { CAREBRIDGE_DATA_DIR: scratch() };
    expect((await runCli(['migrate'], env)).stdout).toContain('migrations applied');
    const seeded = await runCli(['seed'], env);
    expect(seeded.stdout).toContain('admin password (shown once)');
    expect(seeded.stdout).toContain('created service_agent, health_manager');
    expect((await runCli(['seed'], env)).stdout).toContain('all present');
    const admin = await runCli(['create-admin', '-u', 'it.zhou'], {
      ...env,
      CAREBRIDGE_ADMIN_PASSWORD: 'Zhou-Admin-2026',
    });
    expect(admin.code).toBe(0);
    const again = await runCli(['create-admin', '-u', 'it.zhou'], {
      ...env,
      CAREBRIDGE_ADMIN_PASSWORD: 'Zhou-Admin-2026',
    });
    expect(again.code).toBe(1);
  }, 120_000);

  it('grades every patient with `segmentation recompute`, and a second run changes nothing', async () => {
    const env = { CAREBRIDGE_DATA_DIR: scratch() };
    expect((await runCli(['seed', '--patients', '300'], env)).code).toBe(0);
    const first = await runCli(['segmentation', 'recompute'], env);
    expect(first.code).toBe(0);
    const graded = /segmentation: (\d+) patients graded, (\d+) changed/.exec(first.stdout);
    expect(Number(graded?.[1])).toBeGreaterThan(280);
    expect(graded?.[2]).toBe(graded?.[1]);
    const again = await runCli(['segmentation', 'recompute'], env);
    expect(again.stdout).toMatch(/segmentation: \d+ patients graded, 0 changed, 0 history rows/);
  }, 120_000);

  it('prints the generated admin password when create-admin is the first command on an empty database', async () => {
    const res = await runCli(['create-admin', '-u', 'it.wu'], { CAREBRIDGE_DATA_DIR: scratch() });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^admin password \(shown once\): \S{16}$/m);
    expect(res.stdout).toMatch(/^administrator it\.wu created; password \(shown once\): \S{16}$/m);
  }, 60_000);

  it('refuses a second process on the same embedded data directory', async () => {
    const env = { CAREBRIDGE_DATA_DIR: scratch(), CAREBRIDGE_ADMIN_PASSWORD: 'Admin-Pass-2026' };
    const first = await startServerProcess('serve', env);
    try {
      const second = await runCli(['migrate'], env);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/in use by process \d+/);
    } finally {
      await first.stop();
    }
  }, 60_000);

  it('exits 0 promptly on SIGTERM even while a client holds a keep-alive connection', async () => {
    const env = { CAREBRIDGE_DATA_DIR: scratch(), CAREBRIDGE_ADMIN_PASSWORD: 'Admin-Pass-2026' };
    const server = await startServerProcess('all', env);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200); // this process keeps the socket open
    const started = Date.now();
    expect(await server.stop()).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 60_000);
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('the carebridge command on PostgreSQL', () => {
  it('serves with demo data off by default and creates the admin from CAREBRIDGE_ADMIN_PASSWORD', async () => {
    const fresh = await createTestDatabase('postgres');
    try {
      const server = await startServerProcess('serve', {
        DATABASE_URL: fresh.url!,
        CAREBRIDGE_ADMIN_PASSWORD: 'Admin-Pass-2026',
      });
      try {
        const health = await (await fetch(`${server.url}/api/health`)).json();
        expect(health).toEqual({ status: 'ok', db: 'postgres' });
        const demo = await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'doctor', password: 'carebridge-demo' }),
        });
        expect(demo.status).toBe(401);
      } finally {
        expect(await server.stop()).toBe(0);
      }
    } finally {
      await fresh.close();
    }
  }, 60_000);
});
