import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureWebBuilt, startServerProcess } from '../../apps/server/src/testing/server-process';

export const ADMIN_PASSWORD = 'Admin-Pass-2026';
export const DEMO_PASSWORD = 'Demo-Pass-2026';

export interface RunningServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

/** Builds the console if needed, then starts `carebridge all` with a fresh embedded database and demo users. */
export async function startServer(): Promise<RunningServer> {
  ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'carebridge-browser-'));
  const server = await startServerProcess('all', {
    CAREBRIDGE_DATA_DIR: dataDir,
    CAREBRIDGE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    CAREBRIDGE_DEMO: '1',
    CAREBRIDGE_DEMO_PASSWORD: DEMO_PASSWORD,
  });
  return {
    baseUrl: server.url,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
