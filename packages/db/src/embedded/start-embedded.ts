import { mkdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { acquireDataDirLock } from './data-dir-lock';

export interface EmbeddedServer {
  port: number;
  stop(): Promise<void>;
}

type WorkerMessage =
  { type: 'ready'; port: number } | { type: 'failed'; message: string } | { type: 'closed' };

/**
 * Starts PGlite on a worker thread behind a loopback wire-protocol socket.
 * `dataDir` is a directory (persisted) or `memory://` (tests).
 */
export async function startEmbeddedServer(dataDir: string): Promise<EmbeddedServer> {
  const persisted = !dataDir.startsWith('memory://');
  const releaseLock = persisted ? acquireDataDirLock(dataDir) : () => {};
  if (persisted) mkdirSync(dataDir, { recursive: true });
  const worker = new Worker(new URL('./pglite-server.worker.mjs', import.meta.url), {
    workerData: { dataDir },
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (message: WorkerMessage) => {
        if (message.type === 'ready') resolve(message.port);
        else if (message.type === 'failed')
          reject(new Error(`embedded database did not start: ${message.message}`));
      });
    });
    return { port, stop: () => stopWorker(worker).finally(releaseLock) };
  } catch (error) {
    await worker.terminate();
    releaseLock();
    throw error;
  }
}

async function stopWorker(worker: Worker): Promise<void> {
  const closed = new Promise<void>((resolve) => {
    worker.on('message', (message: WorkerMessage) => message.type === 'closed' && resolve());
    worker.once('exit', () => resolve());
  });
  worker.postMessage({ type: 'close' });
  // Give PGlite up to 10 s to close cleanly; the timer must not keep the process alive once it has.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
  clearTimeout(timer);
  await worker.terminate();
}
