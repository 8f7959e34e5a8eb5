// The CPU an import spends per patient row before the database sees it, step by step (µs per row, one core):
// ID-card parsing, name search keys (pinyin), one blind index (HMAC), one encryption (AES-GCM), the whole
// patient draft (both numbers protected, phones normalised), the matcher's features, and the matcher's
// preparation (features plus keyed blocking keys). Generated records; nothing touches a database.
// Prints JSON lines. Usage: npx tsx bench/import-cpu.ts [rows=20000]
import { randomBytes } from 'node:crypto';
import {
  idCardCheckDigit,
  nameSearchKeys,
  normaliseForMatch,
  parseIdCard,
  type InboundPatient,
} from '@carebridge/domain';
import { createPersonalDataCipher } from '../apps/server/src/platform/crypto/personal-data';
import { patientDraft, type PatientDraft } from '../apps/server/src/modules/patients/inbound-patient';
import { createMpiService } from '../apps/server/src/modules/mpi/mpi.service';
import { emit } from './lib';

const rows = Number(process.argv[2] ?? 20_000);
const cipher = createPersonalDataCipher(randomBytes(32));
// prepare() uses the cipher only.
const mpi = createMpiService({ cipher } as unknown as Parameters<typeof createMpiService>[0]);
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '欧阳', '司马'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明'];

const records: InboundPatient[] = Array.from({ length: rows }, (_, i) => {
  const birth = `19${50 + (i % 50)}0${1 + (i % 9)}1${i % 10}`;
  const body = `110105${birth}${String(i % 1000).padStart(3, '0')}`;
  return {
    type: 'patient',
    source: { system: 'csv', id: `MZ${i}` },
    name: SURNAMES[i % SURNAMES.length]! + GIVEN[i % GIVEN.length]! + GIVEN[(i * 7) % GIVEN.length]!,
    gender: 'unknown',
    idCard: body + idCardCheckDigit(body),
    phones: [{ kind: 'mobile', number: `138${String(i).padStart(8, '0')}` }],
    identifiers: [],
  } as unknown as InboundPatient;
});
const drafts: PatientDraft[] = records.map((r) => patientDraft(cipher, 't', r).draft!);

function time(step: string, work: (i: number) => unknown) {
  for (let i = 0; i < Math.min(rows, 2000); i++) work(i); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < rows; i++) work(i);
  const us = ((performance.now() - t0) * 1000) / rows;
  emit({ bench: 'import-cpu', step, rows, microsecondsPerRow: Math.round(us * 10) / 10 });
}

const subject = (d: PatientDraft) => ({
  patientId: d.row.id,
  name: d.row.name,
  gender: d.row.gender,
  birthDate: d.row.birthDate,
  idCardHash: d.row.idCardHash,
  phoneHashes: d.phoneHashes,
  province: null,
  city: null,
  district: null,
  addressDetail: null,
});

time('parseIdCard', (i) => parseIdCard(records[i]!.idCard!));
time('nameSearchKeys', (i) => nameSearchKeys(records[i]!.name));
time('blindIndex (one HMAC)', (i) => cipher.blindIndex('phone', records[i]!.idCard!));
time('encrypt (one AES-GCM)', (i) => cipher.encrypt(records[i]!.idCard!));
time('patientDraft', (i) => patientDraft(cipher, 't', records[i]!));
time('normaliseForMatch', (i) =>
  normaliseForMatch({
    name: drafts[i]!.row.name,
    birthDate: drafts[i]!.row.birthDate ?? undefined,
    gender: 'unknown',
    idNumber: drafts[i]!.row.idCardHash ?? undefined,
    idClear: false,
    phones: drafts[i]!.phoneHashes,
    address: {},
  }),
);
time('mpi.prepare', (i) => mpi.prepare(subject(drafts[i]!)));
