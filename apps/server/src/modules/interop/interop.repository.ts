import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { schema, type DbOrTx } from '@carebridge/db';
import { arrayParam } from '../../platform/db/source-upsert';

const { inboundMessages, importJobs, importFileChunks, importRejects } = schema;
export type InboundMessageRow = typeof inboundMessages.$inferSelect;
export type ImportJobRow = typeof importJobs.$inferSelect;

// ---------------------------------------------------------------------------------------------------
// HL7 messages (idempotency and the inbox)

/** Messages already received with these control ids from this sender (a resend is not applied twice). */
export async function findMessages(
  tx: DbOrTx,
  tenantId: string,
  channel: string,
  sender: string,
  controlIds: string[],
) {
  if (!controlIds.length) return [];
  return tx
    .select()
    .from(inboundMessages)
    .where(
      and(
        eq(inboundMessages.tenantId, tenantId),
        eq(inboundMessages.channel, channel),
        eq(inboundMessages.sender, sender),
        sql`${inboundMessages.controlId} = ANY(${arrayParam(controlIds, 'text')})`,
      ),
    );
}

export async function insertMessage(tx: DbOrTx, row: typeof inboundMessages.$inferInsert) {
  await tx.insert(inboundMessages).values(row).onConflictDoNothing();
}

/** Messages accepted in one batch: inserted, or (a rejected one sent again and now accepted) updated. */
export async function upsertMessages(tx: DbOrTx, rows: (typeof inboundMessages.$inferInsert)[]) {
  if (!rows.length) return;
  await tx
    .insert(inboundMessages)
    .values(rows)
    .onConflictDoUpdate({
      target: [
        inboundMessages.tenantId,
        inboundMessages.channel,
        inboundMessages.sender,
        inboundMessages.controlId,
      ],
      set: {
        messageType: sql`excluded.message_type`,
        status: sql`excluded.status`,
        ackCode: sql`excluded.ack_code`,
        problems: sql`excluded.problems`,
        rawCipher: sql`excluded.raw_cipher`,
        counts: sql`excluded.counts`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

export async function updateMessage(
  tx: DbOrTx,
  id: string,
  patch: Partial<typeof inboundMessages.$inferInsert>,
) {
  const [row] = await tx.update(inboundMessages).set(patch).where(eq(inboundMessages.id, id)).returning();
  return row ?? null;
}

export async function findMessage(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(inboundMessages)
    .where(and(eq(inboundMessages.tenantId, tenantId), eq(inboundMessages.id, id)));
  return row ?? null;
}

export async function listMessages(
  db: DbOrTx,
  tenantId: string,
  status: string,
  limit: number,
  offset: number,
) {
  const where = and(eq(inboundMessages.tenantId, tenantId), eq(inboundMessages.status, status));
  const rows = await db
    .select()
    .from(inboundMessages)
    .where(where)
    .orderBy(desc(inboundMessages.receivedAt), desc(inboundMessages.id))
    .limit(limit)
    .offset(offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(inboundMessages)
    .where(where);
  return { rows, total: count?.n ?? 0 };
}

// ---------------------------------------------------------------------------------------------------
// File imports

export async function insertImportJob(
  tx: DbOrTx,
  row: typeof importJobs.$inferInsert,
): Promise<ImportJobRow> {
  const [created] = await tx.insert(importJobs).values(row).returning();
  return created!;
}

export async function insertFileChunks(tx: DbOrTx, jobId: string, chunks: Buffer[]) {
  for (const [seq, bytes] of chunks.entries())
    await tx.insert(importFileChunks).values({ jobId, seq, bytes });
}

export async function loadFile(db: DbOrTx, jobId: string): Promise<Buffer> {
  const rows = await db
    .select({ bytes: importFileChunks.bytes })
    .from(importFileChunks)
    .where(eq(importFileChunks.jobId, jobId))
    .orderBy(asc(importFileChunks.seq));
  return Buffer.concat(rows.map((r) => Buffer.from(r.bytes)));
}

export async function findImportJob(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.tenantId, tenantId), eq(importJobs.id, id)));
  return row ?? null;
}

export async function findImportJobById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(importJobs).where(eq(importJobs.id, id));
  return row ?? null;
}

export async function listImportJobs(db: DbOrTx, tenantId: string, limit: number) {
  return db
    .select()
    .from(importJobs)
    .where(eq(importJobs.tenantId, tenantId))
    .orderBy(desc(importJobs.createdAt))
    .limit(limit);
}

export async function updateImportJob(
  tx: DbOrTx,
  id: string,
  patch: Partial<typeof importJobs.$inferInsert>,
) {
  await tx.update(importJobs).set(patch).where(eq(importJobs.id, id));
}

/** Rejected rows are keyed by row number: a resumed job rewrites them instead of doubling them. */
export async function insertRejects(tx: DbOrTx, rows: (typeof importRejects.$inferInsert)[]) {
  if (!rows.length) return;
  await tx
    .insert(importRejects)
    .values(rows)
    .onConflictDoUpdate({
      target: [importRejects.jobId, importRejects.rowNumber],
      set: { cells: sql`excluded.cells`, problems: sql`excluded.problems` },
    });
}

export async function listRejects(db: DbOrTx, jobId: string) {
  return db
    .select()
    .from(importRejects)
    .where(eq(importRejects.jobId, jobId))
    .orderBy(asc(importRejects.rowNumber));
}
