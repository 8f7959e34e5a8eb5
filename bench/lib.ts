// Shared helpers of the benchmarks: a throw-away database, a real server process, JSON-lines output.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../apps/server/src/testing/server-process';
import { createScratchDatabase } from '../apps/server/src/testing/test-db';

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const emit = (record: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ ...record, at: new Date().toISOString() })}\n`);

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** A database of its own on the local PostgreSQL server, dropped by `drop()`. */
export const scratchPostgres = (prefix: string) => createScratchDatabase(ADMIN_URL, prefix);

export const scratchDir = () => mkdtempSync(join(tmpdir(), 'carebridge-bench-'));
export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** `carebridge serve|all` as a real process; BENCH_NODE_ARGS passes flags such as --cpu-prof. */
export const startServer = (command: 'serve' | 'all', env: Record<string, string>) =>
  startServerProcess(command, env, {
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  });

export async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('cb_session='))!;
  return cookie.split(';')[0]!;
}
