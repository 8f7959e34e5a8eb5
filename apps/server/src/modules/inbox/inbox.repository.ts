import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { schema, type DbOrTx } from '@carebridge/db';

const { staffNotifications } = schema;
export type NoticeRow = typeof staffNotifications.$inferSelect;

/** Inserts notices; one whose dedupe key exists already is skipped (a retried job sends nothing twice). */
export async function insertNotices(tx: DbOrTx, rows: (typeof staffNotifications.$inferInsert)[]) {
  if (!rows.length) return;
  await tx.insert(staffNotifications).values(rows).onConflictDoNothing();
}

export async function listNotices(
  tx: DbOrTx,
  tenantId: string,
  userId: string,
  unreadOnly: boolean,
  limit: number,
) {
  return tx
    .select()
    .from(staffNotifications)
    .where(
      and(
        eq(staffNotifications.tenantId, tenantId),
        eq(staffNotifications.userId, userId),
        unreadOnly ? isNull(staffNotifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(staffNotifications.createdAt), desc(staffNotifications.id))
    .limit(limit);
}

export async function unreadCount(tx: DbOrTx, tenantId: string, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(staffNotifications)
    .where(
      and(
        eq(staffNotifications.tenantId, tenantId),
        eq(staffNotifications.userId, userId),
        isNull(staffNotifications.readAt),
      ),
    );
  return Number(row?.n ?? 0);
}

/** Marks one notice (or, without an id, all) of this user read; returns how many changed. */
export async function markRead(tx: DbOrTx, tenantId: string, userId: string, at: Date, id?: string) {
  const rows = await tx
    .update(staffNotifications)
    .set({ readAt: at })
    .where(
      and(
        eq(staffNotifications.tenantId, tenantId),
        eq(staffNotifications.userId, userId),
        isNull(staffNotifications.readAt),
        id ? eq(staffNotifications.id, id) : undefined,
      ),
    )
    .returning({ id: staffNotifications.id });
  return rows.length;
}

export async function noticeExists(tx: DbOrTx, tenantId: string, userId: string, id: string) {
  const [row] = await tx
    .select({ id: staffNotifications.id })
    .from(staffNotifications)
    .where(
      and(
        eq(staffNotifications.tenantId, tenantId),
        eq(staffNotifications.userId, userId),
        eq(staffNotifications.id, id),
      ),
    );
  return Boolean(row);
}
