import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureWebBuilt, runCli, startServerProcess } from '../../apps/server/src/testing/server-process';

export const ADMIN_PASSWORD = 'Admin-Pass-2026';
export const DEMO_PASSWORD = 'Demo-Pass-2026';

export interface RunningServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

/**
 * Builds the console if needed, then starts `carebridge all` with a fresh embedded database and demo users.
 * `demoPatients` first seeds that many generated patients with two years of visits and results
 * (`carebridge seed --patients N`, deterministic for a seed and date).
 */
export async function startServer(options: { demoPatients?: number } = {}): Promise<RunningServer> {
  ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'carebridge-browser-'));
  const env = {
    CAREBRIDGE_DATA_DIR: dataDir,
    CAREBRIDGE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    CAREBRIDGE_DEMO: '1',
    CAREBRIDGE_DEMO_PASSWORD: DEMO_PASSWORD,
  };
  if (options.demoPatients) {
    const seeded = await runCli(['seed', '--patients', String(options.demoPatients), '--seed', '1'], env);
    if (seeded.code !== 0)
      throw new Error(
        `carebridge seed --patients failed (${seeded.code}):\n${seeded.stdout}${seeded.stderr}`,
      );
  }
  const server = await startServerProcess('all', env);
  return {
    baseUrl: server.url,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
