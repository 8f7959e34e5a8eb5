import { createHash } from 'node:crypto';
import { hl7, type InboundProblem, type InboundRecord } from '@carebridge/domain';
import type { ImportCounts } from '@carebridge/contracts';
import type { Db, DbOrTx } from '@carebridge/db';
import { newId } from '@carebridge/db';
import type { Clock } from '../../platform/clock';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data';
import type { AuditService } from '../audit/audit.service';
import type { MpiContext } from '../mpi/mpi.service';
import { emptyCounts, type InboundWriter } from './inbound-writer';
import type * as repo from './interop.repository';

export interface Hl7Deps {
  db: Db;
  repo: Pick<typeof repo, 'findMessages' | 'insertMessage' | 'upsertMessages' | 'updateMessage'>;
  inbound: Pick<InboundWriter, 'write'>;
  audit: Pick<AuditService, 'record'>;
  cipher: PersonalDataCipher;
  clock: Clock;
  timeZone: string;
}

export interface Hl7Outcome {
  ack: string;
  ackCode: hl7.AckCode;
  counts: ImportCounts;
  duplicate: boolean;
  /** The inbox row when the message was refused (kept with its raw text for staff). */
  messageId?: string;
}

interface Prepared {
  raw: string;
  parsed: hl7.Hl7ParseResult;
  sender: string;
  controlId: string;
  messageType: string;
  problems: InboundProblem[];
  records: InboundRecord[];
  unsupported: boolean;
  outcome?: Hl7Outcome;
}

const CHANNEL = 'hl7';

/**
 * HL7 v2 messages in: parsed and mapped outside the transaction, then a whole MLLP batch written in one
 * transaction (set-based, so one connection can carry a thousand messages a second). Idempotent by sender
 * and control id (MSH-10): a resend is acknowledged again and applied never. A message that cannot be
 * applied is refused whole (AE/AR) and kept, encrypted, in the inbox with the reason.
 */
export function createHl7Service(d: Hl7Deps) {
  async function receive(
    ctx: MpiContext,
    messages: readonly string[],
    reprocessId?: string,
  ): Promise<Hl7Outcome[]> {
    const prepared = messages.map(prepare);
    await d.db.transaction(async (tx) => {
      await markDuplicates(tx, ctx.tenantId, prepared, reprocessId);
      const fresh = prepared.filter((p) => !p.outcome && !p.problems.length);
      if (!(await writeTogether(tx, ctx, fresh)))
        for (const p of fresh) await writeAlone(tx, ctx, p, reprocessId);
      for (const p of prepared) if (!p.outcome) await refuse(tx, ctx, p, reprocessId);
    });
    return prepared.map((p) => p.outcome!);
  }

  function prepare(raw: string): Prepared {
    const parsed = hl7.parseHl7(raw);
    const header = parsed.ok ? parsed.value.header : parsed.header;
    const p: Prepared = {
      raw,
      parsed,
      sender: [header?.sendingApplication, header?.sendingFacility].filter(Boolean).join('|') || 'unknown',
      // Without a control id there is nothing to be idempotent on: the text's digest stands in.
      controlId: header?.controlId || `sha256:${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`,
      messageType: header?.messageType
        ? `${header.messageType.code}^${header.messageType.trigger}`
        : 'unknown',
      problems: parsed.ok ? [] : [parsed.problem],
      records: [],
      unsupported: false,
    };
    if (!parsed.ok) return p;
    const mapped = hl7.hl7ToInbound(parsed, { timeZone: d.timeZone });
    p.records = mapped.records;
    p.problems = mapped.problems;
    p.unsupported = mapped.records.length === 0 && Object.keys(mapped.unsupported).length > 0;
    return p;
  }

  async function markDuplicates(tx: DbOrTx, tenantId: string, prepared: Prepared[], reprocessId?: string) {
    const seen = new Set<string>();
    for (const sender of new Set(prepared.map((p) => p.sender))) {
      const mine = prepared.filter((p) => p.sender === sender);
      const stored = await d.repo.findMessages(
        tx,
        tenantId,
        CHANNEL,
        sender,
        mine.map((p) => p.controlId),
      );
      const accepted = new Set(
        stored.filter((s) => s.status !== 'rejected' && s.id !== reprocessId).map((s) => s.controlId),
      );
      for (const p of mine) {
        const key = `${sender}\u0000${p.controlId}`;
        if (accepted.has(p.controlId) || seen.has(key))
          // Already applied: acknowledged again, its records reported as unchanged.
          p.outcome = ack(
            p,
            'AA',
            { ...emptyCounts(), read: p.records.length, unchanged: p.records.length },
            true,
          );
        seen.add(key);
      }
    }
  }

  /** The fast path: every message of the batch in one writer call; false (rolled back) if any record failed. */
  async function writeTogether(tx: DbOrTx, ctx: MpiContext, fresh: Prepared[]): Promise<boolean> {
    if (fresh.length <= 1) return false;
    const records = fresh.flatMap((p) => p.records);
    const ok = await tx
      .transaction(async (sp) => {
        const out = await d.inbound.write(sp, ctx, records);
        if (out.rejected.length) throw new Rollback();
        const counts = { ...out.counts };
        await acceptAll(
          sp,
          ctx,
          fresh.map((p) => ({ p, counts: share(p, fresh, counts) })),
        );
        return true;
      })
      .catch((e: unknown) => {
        if (e instanceof Rollback) return false;
        throw e;
      });
    return ok;
  }

  async function writeAlone(tx: DbOrTx, ctx: MpiContext, p: Prepared, reprocessId?: string) {
    await tx
      .transaction(async (sp) => {
        const out = await d.inbound.write(sp, ctx, p.records);
        if (out.rejected.length) {
          p.problems = out.rejected.flatMap((r) =>
            r.problems.map((x) => ({ ...x, where: where(p.records[r.index]!, x) })),
          );
          throw new Rollback();
        }
        await acceptAll(sp, ctx, [{ p, counts: out.counts }], reprocessId);
      })
      .catch((e: unknown) => {
        if (!(e instanceof Rollback)) throw e;
      });
  }

  /** Accepted messages are recorded in one statement per batch (their control ids make resends no-ops). */
  async function acceptAll(
    tx: DbOrTx,
    ctx: MpiContext,
    items: { p: Prepared; counts: ImportCounts }[],
    reprocessId?: string,
  ) {
    const rows = items.map(({ p, counts }) => {
      p.outcome = ack(p, 'AA', counts, false);
      return {
        id: newId(),
        tenantId: ctx.tenantId,
        channel: CHANNEL,
        sender: p.sender,
        controlId: p.controlId,
        messageType: p.messageType,
        status: 'accepted',
        ackCode: 'AA',
        problems: [],
        rawCipher: null,
        counts: { ...counts, unsupported: p.unsupported ? 1 : 0 },
        receivedAt: d.clock.now(),
        updatedAt: d.clock.now(),
      };
    });
    if (reprocessId) await upsertMessage(tx, ctx.tenantId, items[0]!.p, rows[0]!, reprocessId);
    else await d.repo.upsertMessages(tx, rows);
  }

  /** Refused: AR when the message could not be read at all, AE when its content is wrong. */
  async function refuse(tx: DbOrTx, ctx: MpiContext, p: Prepared, reprocessId?: string) {
    const code = p.parsed.ok ? 'AE' : 'AR';
    const row = {
      tenantId: ctx.tenantId,
      channel: CHANNEL,
      sender: p.sender,
      controlId: p.controlId,
      messageType: p.messageType,
      status: 'rejected',
      ackCode: code,
      problems: p.problems.map((x) => ({ where: x.where, message: x.message })),
      rawCipher: d.cipher.encrypt(p.raw),
      counts: null,
      receivedAt: d.clock.now(),
      updatedAt: d.clock.now(),
    };
    const id = await upsertMessage(tx, ctx.tenantId, p, row, reprocessId);
    await d.audit.record(tx, ctx, {
      action: 'interop.hl7_rejected',
      resourceType: 'inbound_message',
      resourceId: id,
      detail: `type=${p.messageType} problems=${p.problems.map((x) => x.message).join(',')}`,
    });
    p.outcome = {
      ...ack(p, code, { ...emptyCounts(), read: p.records.length, rejected: 1 }, false),
      messageId: id,
    };
  }

  async function upsertMessage(
    tx: DbOrTx,
    tenantId: string,
    p: Prepared,
    row: Parameters<typeof d.repo.insertMessage>[1],
    reprocessId?: string,
  ): Promise<string> {
    const [existing] = await d.repo.findMessages(tx, tenantId, CHANNEL, p.sender, [p.controlId]);
    const targetId = reprocessId ?? existing?.id;
    if (targetId) {
      const status = reprocessId && row.status === 'accepted' ? 'reprocessed' : row.status;
      await d.repo.updateMessage(tx, targetId, { ...row, status, receivedAt: undefined });
      return targetId;
    }
    const id = newId();
    await d.repo.insertMessage(tx, { ...row, id });
    return id;
  }

  function ack(p: Prepared, code: hl7.AckCode, counts: ImportCounts, duplicate: boolean): Hl7Outcome {
    return {
      ack: hl7.buildAck(p.parsed, { code, problems: p.problems, now: d.clock.now(), timeZone: d.timeZone }),
      ackCode: code,
      counts,
      duplicate,
    };
  }

  return { receive };
}
export type Hl7Service = ReturnType<typeof createHl7Service>;

class Rollback extends Error {}

/** A batch's counts, told per message by its share of the records (the ACKs only need AA). */
function share(p: Prepared, all: Prepared[], counts: ImportCounts): ImportCounts {
  const total = all.reduce((n, x) => n + x.records.length, 0) || 1;
  const f = p.records.length / total;
  const out = emptyCounts();
  for (const k of Object.keys(out) as (keyof ImportCounts)[]) out[k] = Math.round(counts[k] * f);
  out.read = p.records.length;
  return out;
}

/** Where in the message a writer problem lies: the segment that carried the record. */
function where(record: InboundRecord, problem: InboundProblem): string {
  const segment =
    record.type === 'result'
      ? 'OBX'
      : record.type === 'appointment'
        ? 'SCH'
        : record.type === 'merge'
          ? 'MRG'
          : 'PID';
  return `${segment}: ${problem.where}`;
}
