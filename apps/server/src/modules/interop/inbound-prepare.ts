import type { InboundRecord, SourceKey } from '@carebridge/domain';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data';
import { prepareSubject, type Prepared } from '../mpi/mpi.service';
import { patientDraft, type PatientDraft } from '../patients/inbound-patient';

/** A batch whose CPU work is done: what `prepareRecords` returns and the writer writes. */
export interface PreparedBatch {
  records: InboundRecord[];
  /** Patient records by index: their rows, or why they cannot be stored. */
  drafts: Map<number, ReturnType<typeof patientDraft>>;
  /** Match features and keys by the draft's new patient id. */
  matching: Map<string, Prepared>;
}

/**
 * The CPU part of a batch of inbound records: derived keys protected, numbers encrypted, pinyin, match
 * features and keyed blocking keys. Pure apart from the cipher's randomness, so a file import can run it
 * ahead of the database, on this thread or a worker (prepare-pool.ts); plain data in and out. With
 * `yieldEvery` it gives the event loop back every so many records, so a write in flight keeps moving.
 */
export async function prepareRecords(
  cipher: PersonalDataCipher,
  tenantId: string,
  input: readonly InboundRecord[],
  yieldEvery = 0,
): Promise<PreparedBatch> {
  const records = input.map((r) => protectDerivedKeys(cipher, r));
  const drafts = new Map<number, ReturnType<typeof patientDraft>>();
  const matching = new Map<string, Prepared>();
  for (const [index, record] of records.entries()) {
    if (yieldEvery && index % yieldEvery === yieldEvery - 1) await new Promise((r) => setImmediate(r));
    if (record.type !== 'patient') continue;
    const drafted = patientDraft(cipher, tenantId, record);
    drafts.set(index, drafted);
    if (drafted.draft) matching.set(drafted.draft.row.id, prepareSubject(cipher, subjectOf(drafted.draft)));
  }
  return { records, drafts, matching };
}

/**
 * A file row without a record number is keyed by a digest of what identifies the person ('row:…', see
 * the tabular mapper). That digest is unkeyed, so whoever holds a candidate ID number could recompute it:
 * it is stored as our keyed hash (HMAC) instead, like the blind indexes.
 */
function protectDerivedKeys<R extends InboundRecord>(cipher: PersonalDataCipher, r: R): R {
  const protect = (k: SourceKey): SourceKey =>
    k.id.startsWith('row:') ? { system: k.system, id: `row:${cipher.blindIndex('source_key', k.id)}` } : k;
  if (r.type === 'patient') return { ...r, source: protect(r.source) };
  if ('patient' in r) return { ...r, patient: protect(r.patient) };
  return r;
}

/** What the matcher is given of a drafted patient. */
export function subjectOf(draft: PatientDraft) {
  const r = draft.row;
  return {
    patientId: r.id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birthDate,
    idCardHash: r.idCardHash,
    phoneHashes: draft.phoneHashes,
    province: r.province,
    city: r.city,
    district: r.district,
    addressDetail: r.addressDetail,
  };
}
