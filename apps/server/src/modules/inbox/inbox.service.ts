import type { Database, DbOrTx } from '@carebridge/db';
import type { NOTIFICATION_KINDS } from '@carebridge/contracts';
import { newId } from '@carebridge/db';
import type { Actor } from '../../platform/http/actor';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { Lang } from '../../platform/i18n';
import type * as repo from './inbox.repository';
import { renderNotice } from './notice-text';

type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface TierChangeNotice {
  patientId: string;
  healthManagerId: string;
  maskedName: string;
  from: string;
  to: string;
  explanation: { zh: string; en: string };
}

/** The staff inbox: notices addressed to one user. */
export function createInboxService(d: { db: Database['db']; repo: typeof repo; clock: Clock }) {
  /** One notice per change, keyed by the run that saw it: a retried run adds none. */
  async function notifyTierChanges(
    tx: DbOrTx,
    tenantId: string,
    runKey: string,
    changes: TierChangeNotice[],
  ) {
    await d.repo.insertNotices(
      tx,
      changes.map((c) => ({
        id: newId(),
        tenantId,
        userId: c.healthManagerId,
        kind: 'tier_change',
        patientId: c.patientId,
        params: { from: c.from, to: c.to, maskedName: c.maskedName, explanation: c.explanation },
        dedupeKey: `tier_change:${runKey}:${c.patientId}`,
        createdAt: d.clock.now(),
      })),
    );
  }

  async function list(actor: Actor, q: { unread?: 'true' | 'false'; limit: number }, lang: Lang) {
    const rows = await d.repo.listNotices(d.db, actor.tenantId, actor.id, q.unread === 'true', q.limit);
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind as NotificationKind,
        ...renderNotice(r.kind, r.params, lang),
        patientId: r.patientId,
        createdAt: r.createdAt.toISOString(),
        readAt: r.readAt ? r.readAt.toISOString() : null,
      })),
      unread: await d.repo.unreadCount(d.db, actor.tenantId, actor.id),
    };
  }

  async function markRead(actor: Actor, id?: string) {
    return d.db.transaction(async (tx) => {
      if (id && !(await d.repo.noticeExists(tx, actor.tenantId, actor.id, id)))
        throw new AppError('not_found');
      const changed = await d.repo.markRead(tx, actor.tenantId, actor.id, d.clock.now(), id);
      return { changed };
    });
  }

  return { notifyTierChanges, list, markRead };
}
export type InboxService = ReturnType<typeof createInboxService>;
