import { and, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
import { schema, type DbOrTx } from '@carebridge/db';

const { departments, practitioners } = schema;
export type DepartmentRow = typeof departments.$inferSelect;
export type PractitionerRow = typeof practitioners.$inferSelect;

export async function listDepartments(db: DbOrTx, tenantId: string) {
  return db
    .select()
    .from(departments)
    .where(eq(departments.tenantId, tenantId))
    .orderBy(asc(departments.sortOrder), asc(departments.code));
}

export async function findDepartment(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), eq(departments.id, id)));
  return row ?? null;
}

/** null when the code is taken (unique per tenant). */
export async function insertDepartment(tx: DbOrTx, row: typeof departments.$inferInsert) {
  const [created] = await tx.insert(departments).values(row).onConflictDoNothing().returning();
  return created ?? null;
}

export async function updateDepartment(
  tx: DbOrTx,
  id: string,
  patch: Partial<typeof departments.$inferInsert>,
) {
  const [row] = await tx.update(departments).set(patch).where(eq(departments.id, id)).returning();
  return row ?? null;
}

export async function listPractitioners(
  db: DbOrTx,
  tenantId: string,
  f: { departmentId?: string; q?: string; active?: boolean },
) {
  const conditions: (SQL | undefined)[] = [eq(practitioners.tenantId, tenantId)];
  if (f.departmentId) conditions.push(eq(practitioners.departmentId, f.departmentId));
  if (f.active !== undefined) conditions.push(eq(practitioners.active, f.active));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(practitioners.name, like), ilike(practitioners.code, like)));
  }
  return db
    .select({ practitioner: practitioners, departmentName: departments.name })
    .from(practitioners)
    .leftJoin(departments, eq(departments.id, practitioners.departmentId))
    .where(and(...conditions))
    .orderBy(asc(departments.sortOrder), asc(practitioners.code))
    .limit(2000);
}

export async function findPractitioner(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select({ practitioner: practitioners, departmentName: departments.name })
    .from(practitioners)
    .leftJoin(departments, eq(departments.id, practitioners.departmentId))
    .where(and(eq(practitioners.tenantId, tenantId), eq(practitioners.id, id)));
  return row ?? null;
}

export async function insertPractitioner(tx: DbOrTx, row: typeof practitioners.$inferInsert) {
  const [created] = await tx.insert(practitioners).values(row).onConflictDoNothing().returning();
  return created ?? null;
}

export async function updatePractitioner(
  tx: DbOrTx,
  id: string,
  patch: Partial<typeof practitioners.$inferInsert>,
) {
  const [row] = await tx.update(practitioners).set(patch).where(eq(practitioners.id, id)).returning();
  return row ?? null;
}
