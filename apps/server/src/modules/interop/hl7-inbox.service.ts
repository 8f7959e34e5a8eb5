import { hl7 } from '@carebridge/domain';
import type { Db } from '@carebridge/db';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data';
import { AppError } from '../../platform/errors';
import type { Actor, RequestOrigin } from '../../platform/http/actor';
import type { AuditService } from '../audit/audit.service';
import type { Hl7Service } from './hl7.service';
import type * as repo from './interop.repository';

export interface Hl7InboxDeps {
  db: Db;
  repo: Pick<typeof repo, 'listMessages' | 'findMessage' | 'updateMessage'>;
  hl7: Pick<Hl7Service, 'receive'>;
  audit: Pick<AuditService, 'record'>;
  cipher: PersonalDataCipher;
}

type Status = 'rejected' | 'reprocessed' | 'dismissed' | 'accepted';

/**
 * The inbox of refused HL7 messages: what was wrong (always visible), the raw text (only with a reason,
 * audited: it is patient data), reprocess after the sender or the mapping was fixed, or dismiss.
 */
export function createHl7InboxService(d: Hl7InboxDeps) {
  const ctx = (actor: Actor, origin: RequestOrigin) => ({ tenantId: actor.tenantId, actor, origin });

  async function list(actor: Actor, q: { status: Status; limit: number; offset: number }) {
    const { rows, total } = await d.repo.listMessages(d.db, actor.tenantId, q.status, q.limit, q.offset);
    return { total, items: rows.map(view) };
  }

  async function raw(actor: Actor, id: string, reason: string, origin: RequestOrigin) {
    return d.db.transaction(async (tx) => {
      const row = await d.repo.findMessage(tx, actor.tenantId, id);
      if (!row?.rawCipher) throw new AppError('not_found');
      await d.audit.record(tx, ctx(actor, origin), {
        action: 'interop.hl7_raw_viewed',
        resourceType: 'inbound_message',
        resourceId: id,
        detail: `reason=${reason}`,
      });
      return { raw: d.cipher.decrypt(row.rawCipher) };
    });
  }

  async function reprocess(actor: Actor, id: string, origin: RequestOrigin) {
    const row = await d.repo.findMessage(d.db, actor.tenantId, id);
    if (!row?.rawCipher) throw new AppError('not_found');
    if (row.status !== 'rejected')
      throw new AppError('conflict', [{ path: 'id', message: 'message_not_rejected' }]);
    const [outcome] = await d.hl7.receive(ctx(actor, origin), [d.cipher.decrypt(row.rawCipher)], id);
    const after = (await d.repo.findMessage(d.db, actor.tenantId, id))!;
    return { message: view(after), counts: outcome!.counts };
  }

  async function dismiss(actor: Actor, id: string, origin: RequestOrigin) {
    return d.db.transaction(async (tx) => {
      const row = await d.repo.findMessage(tx, actor.tenantId, id);
      if (!row) throw new AppError('not_found');
      // The raw text goes with the dismissal: nothing is kept that nobody will act on.
      const updated = await d.repo.updateMessage(tx, id, { status: 'dismissed', rawCipher: null });
      await d.audit.record(tx, ctx(actor, origin), {
        action: 'interop.hl7_dismissed',
        resourceType: 'inbound_message',
        resourceId: id,
      });
      return view(updated!);
    });
  }

  return { list, raw, reprocess, dismiss };
}
export type Hl7InboxService = ReturnType<typeof createHl7InboxService>;

function view(row: repo.InboundMessageRow) {
  return {
    id: row.id,
    sender: row.sender,
    controlId: row.controlId,
    messageType: row.messageType,
    status: row.status as Status,
    ackCode: row.ackCode,
    problems: row.problems.map((p) => ({ ...p, text: hl7.problemText(p) })),
    receivedAt: row.receivedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
