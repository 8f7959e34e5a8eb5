import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { InboundRecord } from '@carebridge/domain';
import type { PreparedBatch } from './inbound-prepare';

export interface PreparePool {
  /** Workers in the pool (as many batches are worth having in flight). */
  readonly size: number;
  prepare(tenantId: string, records: readonly InboundRecord[]): Promise<PreparedBatch>;
  close(): Promise<void>;
}

/** Threads for a large import: all cores but one (the database and the main thread need one), at most 4. */
export const defaultPoolSize = () => Math.max(1, Math.min(4, availableParallelism() - 1));

type Reply = { id: number; batch: PreparedBatch } | { id: number; error: string };

/**
 * Worker threads that prepare import batches (inbound-prepare.ts: encryption, blind indexes, pinyin, match
 * keys), so that a large import uses more than one core for the part that costs the most CPU. Batches go
 * round the workers in turn; each worker gets a copy of the personal-data key when it starts. A worker
 * that dies fails the batches it held, and the import with them (the job runs again from its file).
 */
export function createPreparePool(dataKey: Buffer, size = defaultPoolSize()): PreparePool {
  const pending = new Map<number, { resolve: (b: PreparedBatch) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(new URL('./prepare-worker.mjs', import.meta.url), {
      workerData: { dataKey: new Uint8Array(dataKey) },
    });
    worker.on('message', (reply: Reply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if ('batch' in reply) waiting?.resolve(reply.batch);
      else waiting?.reject(new Error(`preparing a batch failed: ${reply.error}`));
    });
    const failAll = (error: Error) => {
      for (const [id, waiting] of pending) {
        pending.delete(id);
        waiting.reject(error);
      }
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => code !== 0 && failAll(new Error(`a prepare worker stopped (${code})`)));
    return worker;
  });

  return {
    size,
    prepare(tenantId, records) {
      const id = nextId++;
      const worker = workers[id % workers.length]!;
      return new Promise<PreparedBatch>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, tenantId, records });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
