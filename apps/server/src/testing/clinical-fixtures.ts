import { schema, type DbOrTx } from '@carebridge/db';
import { idCardCheckDigit } from '@carebridge/domain';

/** A valid ID-card number for a region, birth date (YYYYMMDD) and sequence (odd = male). */
export function idCardFor(region: string, birth: string, sequence: number): string {
  const first17 = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + idCardCheckDigit(first17);
}

let counter = 0;
/** A mobile number unique within the test run (139 segment). */
export const uniqueMobile = (): string =>
  `139${String(Date.now() % 1e4).padStart(4, '0')}${String(++counter % 1e4).padStart(4, '0')}`;

/**
 * Clinical rows as an import would write them (the import API is a later issue): tests of the 360° view
 * need visits, results and charges to exist.
 */
export async function addClinicalHistory(
  db: DbOrTx,
  tenantId: string,
  patientId: string,
  at: (daysAgo: number) => Date,
) {
  const [dept] = await db
    .insert(schema.departments)
    .values({ tenantId, code: `NFM${++counter}`, name: '内分泌科', kind: 'clinical' })
    .returning();
  const visit = async (daysAgo: number, status = 'finished') => {
    const [e] = await db
      .insert(schema.encounters)
      .values({
        tenantId,
        patientId,
        kind: 'outpatient',
        departmentId: dept!.id,
        startAt: at(daysAgo),
        status,
      })
      .returning();
    return e!;
  };
  const old = await visit(400);
  const recent = await visit(30);
  const latest = await visit(3);
  await visit(1, 'no_show');
  await db.insert(schema.diagnoses).values([
    {
      tenantId,
      patientId,
      encounterId: old.id,
      icd10Code: 'E11.9',
      name: '2型糖尿病',
      chronic: true,
      diagnosedAt: at(400),
    },
    {
      tenantId,
      patientId,
      encounterId: latest.id,
      icd10Code: 'J06.9',
      name: '急性上呼吸道感染',
      diagnosedAt: at(3),
    },
  ]);
  const glucose = (daysAgo: number, value: string, flag: string, encounterId: string) => ({
    tenantId,
    patientId,
    encounterId,
    kind: 'lab',
    code: 'GLU',
    name: '空腹血糖',
    valueNumeric: value,
    unit: 'mmol/L',
    referenceLow: '3.9',
    referenceHigh: '6.1',
    abnormalFlag: flag,
    releasedAt: at(daysAgo),
  });
  await db
    .insert(schema.results)
    .values([
      glucose(400, '7.80', 'H', old.id),
      glucose(30, '5.60', 'N', recent.id),
      glucose(3, '8.40', 'H', latest.id),
    ]);
  await db.insert(schema.medications).values({
    tenantId,
    patientId,
    encounterId: old.id,
    drugName: '二甲双胍',
    dose: '0.5g',
    frequency: 'bid',
    prescribedAt: at(400),
    chronic: true,
  });
  await db.insert(schema.allergies).values({
    tenantId,
    patientId,
    substance: '青霉素',
    reaction: '皮疹',
    severity: 'moderate',
    recordedAt: at(400),
  });
  await db.insert(schema.charges).values([
    { tenantId, patientId, encounterId: old.id, category: 'drug', amountFen: 50_000, chargedAt: at(400) },
    {
      tenantId,
      patientId,
      encounterId: recent.id,
      category: 'laboratory',
      amountFen: 12_345,
      chargedAt: at(30),
    },
    {
      tenantId,
      patientId,
      encounterId: latest.id,
      category: 'consultation',
      amountFen: 5_000,
      chargedAt: at(3),
    },
  ]);
  return { department: dept!, encounters: { old, recent, latest } };
}
