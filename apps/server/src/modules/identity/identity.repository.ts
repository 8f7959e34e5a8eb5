import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { schema, supportsNamedStatements, type Db, type DbOrTx } from '@carebridge/db';

const { tenants, users, sessions, apiTokens } = schema;
export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function findDefaultTenant(db: DbOrTx) {
  const [row] = await db.select().from(tenants).orderBy(asc(tenants.createdAt)).limit(1);
  return row ?? null;
}

export async function tenantIds(db: DbOrTx): Promise<string[]> {
  const rows = await db.select({ id: tenants.id }).from(tenants).orderBy(asc(tenants.createdAt));
  return rows.map((r) => r.id);
}

export async function insertTenant(tx: DbOrTx, row: typeof tenants.$inferInsert) {
  const [created] = await tx.insert(tenants).values(row).returning();
  return created!;
}

export async function findUserByUsername(db: DbOrTx, tenantId: string, username: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), sql`lower(${users.username}) = lower(${username})`));
  return row ?? null;
}

export async function findUserById(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  return row ?? null;
}

/** Staff names for lists that show who made something (a segment, a policy version); unknown ids are left out. */
export async function userDisplayNames(
  db: DbOrTx,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, wanted)));
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

export async function listUsers(db: DbOrTx, tenantId: string) {
  return db.select().from(users).where(eq(users.tenantId, tenantId)).orderBy(asc(users.username));
}

export async function insertUser(tx: DbOrTx, row: typeof users.$inferInsert) {
  const [created] = await tx.insert(users).values(row).onConflictDoNothing().returning();
  return created ?? null;
}

export async function updateUser(tx: DbOrTx, id: string, patch: Partial<typeof users.$inferInsert>) {
  const [updated] = await tx.update(users).set(patch).where(eq(users.id, id)).returning();
  return updated ?? null;
}

/** Counts a failed login atomically and locks the account when the limit is reached. */
export async function recordFailedLogin(tx: DbOrTx, id: string, maxFailures: number, lockedUntil: Date) {
  const [row] = await tx
    .update(users)
    .set({
      failedLogins: sql`case when ${users.failedLogins} + 1 >= ${maxFailures} then 0 else ${users.failedLogins} + 1 end`,
      lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${maxFailures} then ${lockedUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, id))
    .returning({ lockedUntil: users.lockedUntil });
  return row?.lockedUntil ?? null;
}

export async function insertSession(tx: DbOrTx, row: typeof sessions.$inferInsert) {
  await tx.insert(sessions).values(row);
}

/** Every authenticated request runs this: built once per database and executed as a prepared statement. */
const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();
const prepareSessionLookup = (db: Db) =>
  db
    // Only what authentication needs: never the password hash, and fewer columns to parse per request.
    .select({
      session: {
        id: sessions.id,
        csrfToken: sessions.csrfToken,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        revokedAt: sessions.revokedAt,
      },
      user: {
        id: users.id,
        tenantId: users.tenantId,
        username: users.username,
        displayName: users.displayName,
        department: users.department,
        roles: users.roles,
        active: users.active,
        lastLoginAt: users.lastLoginAt,
        createdAt: users.createdAt,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare(supportsNamedStatements(db) ? 'cb_session_lookup' : '');

export async function findSessionWithUser(db: Db, tokenHash: string) {
  let lookup = sessionLookups.get(db);
  if (!lookup) sessionLookups.set(db, (lookup = prepareSessionLookup(db)));
  const [row] = await lookup.execute({ tokenHash });
  return row ?? null;
}

export async function touchSession(db: DbOrTx, id: string, at: Date) {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function revokeSession(tx: DbOrTx, id: string, at: Date) {
  await tx
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}

/** Ends every open session of a user, except optionally the one making the change. */
export async function revokeUserSessions(tx: DbOrTx, userId: string, at: Date, exceptSessionId?: string) {
  await tx
    .update(sessions)
    .set({ revokedAt: at })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined,
      ),
    );
}

/**
 * Removes sessions nobody has used since `before`. Idle expiry is at most a day (config), so a session
 * unused for longer than that has ended, whether it expired, timed out or was revoked.
 */
export async function deleteSessionsUnusedSince(db: DbOrTx, before: Date) {
  const result = await db.delete(sessions).where(lt(sessions.lastSeenAt, before));
  return result.rowCount ?? 0;
}

export async function insertApiToken(tx: DbOrTx, row: typeof apiTokens.$inferInsert) {
  const [created] = await tx.insert(apiTokens).values(row).returning();
  return created!;
}

export async function listApiTokens(db: DbOrTx, tenantId: string) {
  return db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.tenantId, tenantId))
    .orderBy(asc(apiTokens.createdAt));
}

export async function findApiTokenByHash(db: DbOrTx, tokenHash: string) {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash));
  return row ?? null;
}

export async function revokeApiToken(tx: DbOrTx, tenantId: string, id: string, at: Date) {
  const [row] = await tx
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  return row ?? null;
}

export async function touchApiToken(db: DbOrTx, id: string, at: Date) {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}
