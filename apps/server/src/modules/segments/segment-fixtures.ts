import { and, eq } from 'drizzle-orm';
import { newId, schema, type DbOrTx } from '@carebridge/db';

/**
 * Test people for segment filters, written straight into the tables (patient_values is another module's read
 * model, filled here by hand): exactly the visits, diagnoses, charges and consents a test states.
 */

export interface ValueSpec {
  tier: 'A' | 'B' | 'C';
  level: 'gold' | 'silver' | 'regular';
  rfm: [number, number, number];
  clvFen: number;
  churn: 'low' | 'medium' | 'high' | 'unknown';
  urgency: number;
  risk: number;
  revenueFen: number;
  revenueRankShare: number;
  lastVisitDaysAgo: number | null;
}

export interface PersonSpec {
  name: string;
  gender?: 'male' | 'female' | 'unknown';
  birthDate?: string | null;
  region?: [string, string?, string?];
  tags?: string[];
  vip?: boolean;
  mergedInto?: string;
  erased?: boolean;
  deceased?: boolean;
  phoneMasked?: string;
  value?: Partial<ValueSpec>;
  visits?: { daysAgo: number; kind?: string; departmentId?: string | null; status?: string }[];
  diagnoses?: { code: string; daysAgo: number; chronic?: boolean }[];
  charges?: { fen: number; daysAgo: number; category?: string }[];
  consents?: { purpose: string; channel: string; granted: boolean }[];
}

const DAY_MS = 86_400_000;

export async function addDepartment(db: DbOrTx, tenantId: string, name: string): Promise<string> {
  const [row] = await db
    .insert(schema.departments)
    .values({ tenantId, code: `SEG-${newId().slice(-8)}`, name, kind: 'clinical' })
    .returning({ id: schema.departments.id });
  return row!.id;
}

export async function addPerson(db: DbOrTx, tenantId: string, now: Date, p: PersonSpec): Promise<string> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
  const id = newId();
  await db.insert(schema.patients).values({
    id,
    tenantId,
    name: p.name,
    namePinyin: `seg${id}`,
    nameInitials: 'seg',
    gender: p.gender ?? 'unknown',
    birthDate: p.birthDate ?? null,
    province: p.region?.[0] ?? null,
    city: p.region?.[1] ?? null,
    district: p.region?.[2] ?? null,
    tags: p.tags ?? [],
    vip: p.vip ?? false,
    mergedInto: p.mergedInto ?? null,
    erasedAt: p.erased ? now : null,
    deceased: p.deceased ?? false,
  });
  if (p.phoneMasked)
    await db.insert(schema.patientPhones).values({
      tenantId,
      patientId: id,
      kind: 'mobile',
      isPrimary: true,
      cipher: 'test-only',
      hash: `test-${id}`,
      last4: p.phoneMasked.slice(-4),
      masked: p.phoneMasked,
    });
  for (const v of p.visits ?? [])
    await db.insert(schema.encounters).values({
      tenantId,
      patientId: id,
      kind: v.kind ?? 'outpatient',
      departmentId: v.departmentId ?? null,
      startAt: at(v.daysAgo),
      status: v.status ?? 'finished',
    });
  for (const d of p.diagnoses ?? [])
    await db.insert(schema.diagnoses).values({
      tenantId,
      patientId: id,
      icd10Code: d.code,
      name: d.code,
      chronic: d.chronic ?? false,
      diagnosedAt: at(d.daysAgo),
    });
  for (const c of p.charges ?? [])
    await db.insert(schema.charges).values({
      tenantId,
      patientId: id,
      category: c.category ?? 'drug',
      amountFen: c.fen,
      chargedAt: at(c.daysAgo),
    });
  for (const c of p.consents ?? [])
    await db.insert(schema.patientConsents).values({ tenantId, patientId: id, ...c, source: 'counter' });
  // Graded last, as a recompute would grade what is already recorded.
  if (p.value) await addValue(db, tenantId, id, now, p.value);
  return id;
}

export async function addValue(
  db: DbOrTx,
  tenantId: string,
  patientId: string,
  now: Date,
  v: Partial<ValueSpec>,
): Promise<void> {
  const [r, f, m] = v.rfm ?? [1, 1, 1];
  // As the recompute stores them: the patient's chronic diagnoses as ICD-10 categories.
  const chronic = await db
    .select({ code: schema.diagnoses.icd10Code })
    .from(schema.diagnoses)
    .where(and(eq(schema.diagnoses.patientId, patientId), eq(schema.diagnoses.chronic, true)));
  const last = v.lastVisitDaysAgo ?? null;
  await db.insert(schema.patientValues).values({
    patientId,
    tenantId,
    policyVersion: 1,
    computedAt: now,
    tier: v.tier ?? 'C',
    tierRule: 'none',
    level: v.level ?? 'regular',
    levelRule: 'none',
    visitsWindow: 0,
    visitsRecent: 0,
    visitsTotal: 0,
    revenueWindowFen: v.revenueFen ?? 0,
    revenueRankShare: v.revenueRankShare ?? 1,
    lastVisitAt: last === null ? null : new Date(now.getTime() - last * DAY_MS),
    rfmR: r,
    rfmF: f,
    rfmM: m,
    clvFen: v.clvFen ?? 0,
    churn: v.churn ?? 'unknown',
    urgency: v.urgency ?? 0,
    risk: v.risk ?? 0,
    chronicConditions: 0,
    criticalResults: 0,
    abnormalResults: 0,
    noShows: 0,
    maxCheckupFen: 0,
    tags: [],
    vip: false,
    chronicCodes: [...new Set(chronic.map((d) => d.code.slice(0, 3)))],
  });
}
