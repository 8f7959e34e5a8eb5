import type { DbOrTx } from '@carebridge/db';
import type { AuditEvent, AuditSearchQuery } from '@carebridge/contracts';
import type { Actor, RequestOrigin } from '../../platform/http/actor';
import type { Clock } from '../../platform/clock';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor';
import type { AuditRow, insertAuditEvent, searchAuditEvents } from './audit.repository';

export interface AuditEntry {
  action: string;
  resourceType?: string;
  resourceId?: string;
  patientId?: string;
  reason?: string;
  outcome?: 'success' | 'denied' | 'failure';
  /** Non-personal detail, e.g. which fields changed (never their values). */
  detail?: string;
}

export interface AuditContext {
  tenantId: string;
  actor: Pick<Actor, 'id' | 'username'> | null;
  origin: RequestOrigin;
  /** Shown instead of the actor's username, e.g. for failed logins of unknown users. */
  actorName?: string;
}

export function createAuditService(deps: {
  insertAuditEvent: typeof insertAuditEvent;
  searchAuditEvents: typeof searchAuditEvents;
  clock: Clock;
}) {
  return {
    /** Write the audit row in the caller's transaction: no change without its record, no record without its change. */
    async record(tx: DbOrTx, ctx: AuditContext, entry: AuditEntry): Promise<void> {
      await deps.insertAuditEvent(tx, {
        tenantId: ctx.tenantId,
        actorId: ctx.actor?.id ?? null,
        actorName: ctx.actorName ?? ctx.actor?.username ?? null,
        action: entry.action,
        resourceType: entry.resourceType ?? null,
        resourceId: entry.resourceId ?? null,
        patientId: entry.patientId ?? null,
        ip: ctx.origin.ip,
        userAgent: ctx.origin.userAgent?.slice(0, 512) ?? null,
        reason: entry.reason ?? null,
        outcome: entry.outcome ?? 'success',
        detail: entry.detail ?? null,
        occurredAt: deps.clock.now(),
      });
    },

    async search(db: DbOrTx, tenantId: string, q: AuditSearchQuery) {
      const rows = await deps.searchAuditEvents(db, {
        tenantId,
        patientId: q.patientId,
        actor: q.actor,
        action: q.action,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        before: q.cursor ? auditPosition(q.cursor) : undefined,
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: page.map(toAuditEvent),
        nextCursor:
          rows.length > q.limit && last ? encodeCursor([last.occurredAt.toISOString(), last.id]) : null,
      };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;

function toAuditEvent(r: AuditRow): AuditEvent {
  return {
    id: r.id,
    actorId: r.actorId,
    actorName: r.actorName,
    action: r.action,
    resourceType: r.resourceType,
    resourceId: r.resourceId,
    patientId: r.patientId,
    ip: r.ip,
    userAgent: r.userAgent,
    reason: r.reason,
    outcome: r.outcome,
    occurredAt: r.occurredAt.toISOString(),
  };
}

const isAuditPosition = (v: unknown): v is [string, string] =>
  Array.isArray(v) &&
  v.length === 2 &&
  typeof v[0] === 'string' &&
  !Number.isNaN(Date.parse(v[0])) &&
  typeof v[1] === 'string';

function auditPosition(cursor: string) {
  const [at, id] = decodeCursor(cursor, 'cursor', isAuditPosition);
  return { occurredAt: new Date(at), id };
}
