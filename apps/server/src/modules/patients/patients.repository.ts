import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { schema, type DbOrTx } from '@carebridge/db';

const { patients, patientPhones, patientIdentifiers, patientContacts, patientConsents } = schema;
export type PatientRow = typeof patients.$inferSelect;
export type NewPatientRow = typeof patients.$inferInsert;
export type PhoneRow = typeof patientPhones.$inferSelect;
export type IdentifierRow = typeof patientIdentifiers.$inferSelect;
export type ContactRow = typeof patientContacts.$inferSelect;
export type ConsentRow = typeof patientConsents.$inferSelect;

export interface PatientParts {
  phones: PhoneRow[];
  identifiers: IdentifierRow[];
  contacts: ContactRow[];
  consents: ConsentRow[];
}

export async function findPatient(db: DbOrTx, tenantId: string, id: string): Promise<PatientRow | null> {
  const [row] = await db
    .select()
    .from(patients)
    .where(and(eq(patients.tenantId, tenantId), eq(patients.id, id)));
  return row ?? null;
}

export async function loadPatientParts(db: DbOrTx, patientId: string): Promise<PatientParts> {
  // One after another: these usually run inside a transaction, i.e. on one connection.
  const phones = await db
    .select()
    .from(patientPhones)
    .where(eq(patientPhones.patientId, patientId))
    .orderBy(sql`${patientPhones.isPrimary} desc`, asc(patientPhones.createdAt), asc(patientPhones.id));
  const identifiers = await db
    .select()
    .from(patientIdentifiers)
    .where(eq(patientIdentifiers.patientId, patientId))
    .orderBy(asc(patientIdentifiers.kind), asc(patientIdentifiers.system), asc(patientIdentifiers.value));
  const contacts = await db
    .select()
    .from(patientContacts)
    .where(eq(patientContacts.patientId, patientId))
    .orderBy(asc(patientContacts.createdAt), asc(patientContacts.id));
  const consents = await db
    .select()
    .from(patientConsents)
    .where(eq(patientConsents.patientId, patientId))
    .orderBy(asc(patientConsents.purpose), asc(patientConsents.channel));
  return { phones, identifiers, contacts, consents };
}

export async function insertPatient(tx: DbOrTx, row: NewPatientRow): Promise<PatientRow> {
  const [created] = await tx.insert(patients).values(row).returning();
  return created!;
}

/** Updates only if the stored version is still `expectedVersion`; null means someone else got there first. */
export async function updatePatientIfVersion(
  tx: DbOrTx,
  id: string,
  expectedVersion: number,
  patch: Partial<NewPatientRow>,
): Promise<PatientRow | null> {
  const [row] = await tx
    .update(patients)
    .set({ ...patch, version: expectedVersion + 1 })
    .where(and(eq(patients.id, id), eq(patients.version, expectedVersion)))
    .returning();
  return row ?? null;
}

/** Serialises registrations of one ID-card number so that a double submit cannot create two people. */
export async function lockIdCard(tx: DbOrTx, idCardHash: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'id_card:' + idCardHash}, 0))`);
}

export async function findPatientIdByIdCardHash(db: DbOrTx, tenantId: string, hash: string) {
  const [row] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(
      and(
        eq(patients.tenantId, tenantId),
        eq(patients.idCardHash, hash),
        sql`${patients.mergedInto} is null and ${patients.erasedAt} is null`,
      ),
    )
    .limit(1);
  return row?.id ?? null;
}

export async function findIdentifierOwners(
  db: DbOrTx,
  tenantId: string,
  ids: { system: string; value: string }[],
): Promise<{ system: string; value: string; patientId: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      system: patientIdentifiers.system,
      value: patientIdentifiers.value,
      patientId: patientIdentifiers.patientId,
    })
    .from(patientIdentifiers)
    .where(
      and(
        eq(patientIdentifiers.tenantId, tenantId),
        inArray(
          patientIdentifiers.value,
          ids.map((i) => i.value),
        ),
      ),
    );
}

export async function replacePhones(
  tx: DbOrTx,
  patientId: string,
  rows: (typeof patientPhones.$inferInsert)[],
) {
  await tx.delete(patientPhones).where(eq(patientPhones.patientId, patientId));
  if (rows.length) await tx.insert(patientPhones).values(rows);
}

export async function replaceIdentifiers(
  tx: DbOrTx,
  patientId: string,
  rows: (typeof patientIdentifiers.$inferInsert)[],
) {
  await tx.delete(patientIdentifiers).where(eq(patientIdentifiers.patientId, patientId));
  if (rows.length) await tx.insert(patientIdentifiers).values(rows);
}

export async function replaceContacts(
  tx: DbOrTx,
  patientId: string,
  rows: (typeof patientContacts.$inferInsert)[],
) {
  await tx.delete(patientContacts).where(eq(patientContacts.patientId, patientId));
  if (rows.length) await tx.insert(patientContacts).values(rows);
}

export async function upsertConsents(tx: DbOrTx, rows: (typeof patientConsents.$inferInsert)[]) {
  if (rows.length === 0) return;
  await tx
    .insert(patientConsents)
    .values(rows)
    .onConflictDoUpdate({
      target: [patientConsents.patientId, patientConsents.purpose, patientConsents.channel],
      set: {
        granted: sql`excluded.granted`,
        // A grant keeps its first time unless it had been withdrawn; a withdrawal records when.
        grantedAt: sql`case when excluded.granted and (not ${patientConsents.granted}) then excluded.granted_at else ${patientConsents.grantedAt} end`,
        withdrawnAt: sql`case when excluded.granted then null when ${patientConsents.granted} then excluded.withdrawn_at else ${patientConsents.withdrawnAt} end`,
        source: sql`excluded.source`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/** PIPL erasure of the person's own rows: identifiers that link back to other systems go entirely. */
export async function erasePersonalRows(tx: DbOrTx, patientId: string, at: Date) {
  await tx.delete(patientPhones).where(eq(patientPhones.patientId, patientId));
  await tx.delete(patientContacts).where(eq(patientContacts.patientId, patientId));
  await tx.delete(patientIdentifiers).where(eq(patientIdentifiers.patientId, patientId));
  await tx
    .update(patientConsents)
    .set({
      granted: false,
      withdrawnAt: sql`coalesce(${patientConsents.withdrawnAt}, ${at.toISOString()}::timestamptz)`,
      updatedAt: at,
    })
    .where(eq(patientConsents.patientId, patientId));
}
