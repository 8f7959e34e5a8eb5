import { and, desc, eq, gte, lt, lte, or, type SQL } from 'drizzle-orm';
import { schema, type DbOrTx } from '@carebridge/db';

const { auditEvents } = schema;
export type AuditRow = typeof auditEvents.$inferSelect;
export type NewAuditRow = typeof auditEvents.$inferInsert;

export async function insertAuditEvent(tx: DbOrTx, row: NewAuditRow): Promise<void> {
  await tx.insert(auditEvents).values(row);
}

export interface AuditFilter {
  tenantId: string;
  patientId?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Keyset position: rows strictly older than this (occurredAt, id). */
  before?: { occurredAt: Date; id: string } | undefined;
  limit: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function searchAuditEvents(db: DbOrTx, f: AuditFilter): Promise<AuditRow[]> {
  const conditions: (SQL | undefined)[] = [eq(auditEvents.tenantId, f.tenantId)];
  if (f.patientId) conditions.push(eq(auditEvents.patientId, f.patientId));
  if (f.actor)
    conditions.push(
      UUID.test(f.actor) ? eq(auditEvents.actorId, f.actor) : eq(auditEvents.actorName, f.actor),
    );
  if (f.action) conditions.push(eq(auditEvents.action, f.action));
  if (f.from) conditions.push(gte(auditEvents.occurredAt, f.from));
  if (f.to) conditions.push(lte(auditEvents.occurredAt, f.to));
  if (f.before) {
    const { occurredAt, id } = f.before;
    conditions.push(
      or(
        lt(auditEvents.occurredAt, occurredAt),
        and(eq(auditEvents.occurredAt, occurredAt), lt(auditEvents.id, id)),
      ),
    );
  }
  return db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(f.limit);
}
