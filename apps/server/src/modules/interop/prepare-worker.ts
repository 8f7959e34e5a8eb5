// The worker side of prepare-pool.ts: the data key comes once with workerData; each message is one batch.
import { parentPort, workerData } from 'node:worker_threads';
import type { InboundRecord } from '@carebridge/domain';
import { createPersonalDataCipher } from '../../platform/crypto/personal-data';
import { prepareRecords } from './inbound-prepare';

const { dataKey } = workerData as { dataKey: Uint8Array };
const cipher = createPersonalDataCipher(Buffer.from(dataKey));

parentPort!.on('message', (message: { id: number; tenantId: string; records: InboundRecord[] }) => {
  prepareRecords(cipher, message.tenantId, message.records).then(
    (batch) => parentPort!.postMessage({ id: message.id, batch }),
    // The message only: a record's content must not travel into logs.
    (error: unknown) =>
      parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : 'error' }),
  );
});
