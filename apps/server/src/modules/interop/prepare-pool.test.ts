import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { InboundRecord } from '@carebridge/domain';
import { createPersonalDataCipher } from '../../platform/crypto/personal-data';
import { idCardFor } from '../../testing/clinical-fixtures';
import { prepareRecords } from './inbound-prepare';
import { createPreparePool } from './prepare-pool';

const key = randomBytes(32);
const records: InboundRecord[] = [
  {
    type: 'patient',
    source: { system: 'his', id: 'MZ-1' },
    name: '欧阳明',
    gender: 'unknown',
    idCard: idCardFor('440106', '19850315', 32),
    phones: [{ kind: 'mobile', number: '13800001111' }],
    identifiers: [],
  },
  {
    type: 'patient',
    source: { system: 'his', id: 'row:abc' },
    name: '林小红',
    gender: 'female',
    idCard: '110105198001011234', // wrong check digit: a problem, not a draft
    phones: [],
    identifiers: [],
  },
] as unknown as InboundRecord[];

describe('prepare pool', () => {
  const pool = createPreparePool(key, 2);
  afterAll(() => pool.close());

  it('prepares on a worker thread what this thread would: same keys, features and problems', async () => {
    const [there, here] = await Promise.all([
      pool.prepare('tenant-1', records),
      prepareRecords(createPersonalDataCipher(key), 'tenant-1', records),
    ]);
    expect(there.records.map((r) => r.type === 'patient' && r.source.id)).toEqual(
      here.records.map((r) => r.type === 'patient' && r.source.id),
    );
    // The derived row key is replaced by its keyed hash, the same on both threads.
    expect(there.records[1]).toMatchObject({ source: { id: expect.stringMatching(/^row:[\w-]{22}$/) } });
    expect(there.drafts.get(1)!.problems).toEqual(here.drafts.get(1)!.problems);
    const a = there.drafts.get(0)!.draft!;
    const b = here.drafts.get(0)!.draft!;
    expect(a.row.idCardHash).toBe(b.row.idCardHash);
    expect(a.phoneHashes).toEqual(b.phoneHashes);
    expect(a.row.idCardCipher).not.toBe(b.row.idCardCipher); // a fresh IV each time
    const pa = there.matching.get(a.row.id)!;
    const pb = here.matching.get(b.row.id)!;
    expect(pa.keyHashes).toEqual(pb.keyHashes);
    expect(pa.features).toEqual(pb.features);
  });

  it('spreads batches over its workers and answers each with its own batch', async () => {
    const answers = await Promise.all(
      ['A', 'B', 'C', 'D'].map((tag) =>
        pool.prepare('tenant-1', [{ ...records[0]!, source: { system: 'his', id: tag } }]),
      ),
    );
    expect(answers.map((b) => b.records[0]!.type === 'patient' && b.records[0].source.id)).toEqual([
      'A',
      'B',
      'C',
      'D',
    ]);
  });
});
