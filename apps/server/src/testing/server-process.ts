// Real `carebridge` processes for browser tests, CLI tests and benchmarks.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
export const carebridgeBin = `${repoRoot}apps/server/bin/carebridge.js`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Builds the console if it is missing or older than its sources (the same check `npm start` makes). */
export function ensureWebBuilt(): void {
  execFileSync(process.execPath, [`${repoRoot}scripts/ensure-web-built.mjs`], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}

/** Runs a `carebridge` command to completion. */
export function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [carebridgeBin, ...args], { cwd: repoRoot, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn until /api/health answered 200. */
  readyMs: number;
  output(): string;
  /** SIGTERM, then SIGKILL after 15 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `carebridge <command>` on a free port and waits until /api/health answers 200. */
export async function startServerProcess(
  command: 'serve' | 'all',
  env: Record<string, string>,
  options: { timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), carebridgeBin, command], {
    cwd: repoRoot,
    env: cleanEnv({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const collect = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  const deadline = started + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`carebridge ${command} exited with ${child.exitCode}:\n${log}`);
    if (await healthy(url)) return { url, child, readyMs: Date.now() - started, output: () => log, stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`carebridge ${command} did not become healthy:\n${log}`);
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/health`)).status === 200;
  } catch {
    return false;
  }
}

/** The child sees only what it needs: no DATABASE_URL or CAREBRIDGE_* leaking in from the developer's shell. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('CAREBRIDGE_') && k !== 'DATABASE_URL' && k !== 'PORT' && k !== 'HOST',
    ),
  );
  // A fixed key so that a child on PostgreSQL starts (production must bring its own).
  return { ...base, CAREBRIDGE_DATA_KEY: Buffer.alloc(32, 7).toString('base64'), ...env };
}
