import { and, asc, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import { schema, type DbOrTx } from '@carebridge/db';

const {
  encounters,
  diagnoses,
  results,
  medications,
  allergies,
  procedures,
  familyHistory,
  charges,
  appointments,
} = schema;
export type ResultRow = typeof results.$inferSelect;

const VISITED = ['planned', 'arrived', 'in_progress', 'finished'];

export async function visitFigures(db: DbOrTx, patientId: string, since: Date) {
  const [row] = await db
    .select({
      lastVisitAt: sql<Date | null>`max(${encounters.startAt}) filter (where ${encounters.status} = 'finished')`,
      visits: sql<number>`(count(*) filter (where ${encounters.startAt} >= ${since.toISOString()}::timestamptz))::int`,
    })
    .from(encounters)
    .where(and(eq(encounters.patientId, patientId), inArray(encounters.status, VISITED)));
  return { lastVisitAt: row?.lastVisitAt ? new Date(row.lastVisitAt) : null, visits: row?.visits ?? 0 };
}

export async function spendSince(db: DbOrTx, patientId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ total: sql<string | null>`sum(${charges.amountFen})` })
    .from(charges)
    .where(and(eq(charges.patientId, patientId), gte(charges.chargedAt, since)));
  return Number(row?.total ?? 0);
}

export async function chronicConditions(db: DbOrTx, patientId: string) {
  return db
    .select({
      icd10Code: diagnoses.icd10Code,
      name: sql<string>`min(${diagnoses.name})`,
      since: sql<Date>`min(${diagnoses.diagnosedAt})`,
    })
    .from(diagnoses)
    .where(and(eq(diagnoses.patientId, patientId), eq(diagnoses.chronic, true)))
    .groupBy(diagnoses.icd10Code)
    .orderBy(sql`min(${diagnoses.diagnosedAt})`);
}

export async function allergiesOf(db: DbOrTx, patientId: string) {
  return db
    .select({ substance: allergies.substance, reaction: allergies.reaction, severity: allergies.severity })
    .from(allergies)
    .where(eq(allergies.patientId, patientId))
    .orderBy(desc(allergies.recordedAt));
}

export async function familyHistoryOf(db: DbOrTx, patientId: string) {
  return db
    .select({
      relation: familyHistory.relation,
      condition: familyHistory.condition,
      icd10Code: familyHistory.icd10Code,
    })
    .from(familyHistory)
    .where(eq(familyHistory.patientId, patientId));
}

/** Abnormal means flagged by the laboratory (anything but N) — the flag, not our own reading of ranges. */
export async function abnormalResultsSince(db: DbOrTx, patientId: string, since: Date, limit = 50) {
  return db
    .select()
    .from(results)
    .where(
      and(
        eq(results.patientId, patientId),
        gte(results.releasedAt, since),
        isNotNull(results.abnormalFlag),
        sql`${results.abnormalFlag} <> 'N'`,
      ),
    )
    .orderBy(desc(results.releasedAt))
    .limit(limit);
}

export async function resultSeries(db: DbOrTx, patientId: string, code: string, limit = 500) {
  return db
    .select()
    .from(results)
    .where(and(eq(results.patientId, patientId), eq(results.code, code)))
    .orderBy(asc(results.releasedAt), asc(results.id))
    .limit(limit);
}

const CLINICAL_TABLES = {
  encounters,
  diagnoses,
  results,
  medications,
  allergies,
  procedures,
  familyHistory,
  charges,
  appointments,
} as const;

/** Every clinical row held about a patient, table by table (PIPL export). */
export async function allClinicalRows(db: DbOrTx, patientId: string) {
  const sections: Record<string, Record<string, unknown>[]> = {};
  for (const [name, table] of Object.entries(CLINICAL_TABLES))
    sections[name] = await db.select().from(table).where(eq(table.patientId, patientId));
  return sections;
}

/**
 * Anonymisation of the clinical copy: rows that describe the person rather than the care (allergies,
 * family history) go; visits, diagnoses, results and charges stay for the hospital's aggregates but lose
 * the source-system ids that would link them back to the person in HIS/LIS.
 */
export async function anonymiseClinicalRows(tx: DbOrTx, patientId: string) {
  await tx.delete(allergies).where(eq(allergies.patientId, patientId));
  await tx.delete(familyHistory).where(eq(familyHistory.patientId, patientId));
  for (const table of [encounters, diagnoses, results, medications, procedures, charges, appointments])
    await tx.update(table).set({ sourceSystem: null, sourceId: null }).where(eq(table.patientId, patientId));
  await tx.update(results).set({ conclusion: null }).where(eq(results.patientId, patientId));
}
