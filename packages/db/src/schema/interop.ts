import {
  bigint,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, updatedAt } from './columns';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Every HL7 v2 message received, by sender and control id (MSH-10), so a resend is acknowledged without
 * being applied twice. Accepted messages keep no content (minimum necessary); rejected ones keep their
 * raw text, encrypted like other personal data, so staff can read the reason, fix the sender and reprocess.
 */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    id: id(),
    tenantId: tenantId(),
    /** 'hl7' */
    channel: text('channel').notNull(),
    /** MSH-3^MSH-4 of the sender. */
    sender: text('sender').notNull(),
    controlId: text('control_id').notNull(),
    /** 'ADT^A01', 'ORU^R01' … */
    messageType: text('message_type').notNull(),
    /** 'accepted' | 'rejected' | 'reprocessed' | 'dismissed' */
    status: text('status').notNull(),
    /** The ACK code sent: AA, AE or AR. */
    ackCode: text('ack_code').notNull(),
    /** Localisable problem codes and where: [{ where, message }]. */
    problems: jsonb('problems').$type<{ where: string; message: string }[]>().notNull(),
    /** Rejected messages only: AES-GCM ciphertext of the raw message. */
    rawCipher: text('raw_cipher'),
    counts: jsonb('counts').$type<Record<string, number>>(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('inbound_messages_control_uq').on(t.tenantId, t.channel, t.sender, t.controlId),
    index('inbound_messages_status_idx').on(t.tenantId, t.status, t.receivedAt),
  ],
);

/** A file import (CSV/Excel) run as a background job, with its progress for the console's progress bar. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: id(),
    tenantId: tenantId(),
    /** 'patients' | 'visits' | 'charges' */
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    fileBytes: bigint('file_bytes', { mode: 'number' }).notNull(),
    /** The source system name the rows are keyed under (re-import of the same file is a no-op). */
    sourceSystem: text('source_system').notNull(),
    /** Field → column index, or a saved mapping ({ version, kind, columns, defaults }) from the CLI. */
    mapping: jsonb('mapping').$type<Record<string, unknown>>().notNull(),
    /** 'incremental' (batch by batch) | 'bulk' (one transaction, indexes rebuilt after; patients only) */
    mode: text('mode').notNull().default('incremental'),
    /** 'queued' | 'running' | 'done' | 'failed' */
    status: text('status').notNull(),
    rowsTotal: integer('rows_total'),
    rowsDone: integer('rows_done').notNull().default(0),
    counts: jsonb('counts').$type<Record<string, number>>().notNull(),
    error: text('error'),
    createdBy: uuid('created_by'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('import_jobs_tenant_time_idx').on(t.tenantId, t.createdAt)],
);

/** The uploaded file, in chunks, so any worker process (or machine) can run the import. */
export const importFileChunks = pgTable(
  'import_file_chunks',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [uniqueIndex('import_file_chunks_uq').on(t.jobId, t.seq)],
);

/** Rows an import rejected, with the reasons, for the downloadable report; ID and phone cells masked. */
export const importRejects = pgTable(
  'import_rejects',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    cells: jsonb('cells').$type<string[]>().notNull(),
    problems: jsonb('problems').$type<{ where: string; message: string }[]>().notNull(),
  },
  (t) => [uniqueIndex('import_rejects_uq').on(t.jobId, t.rowNumber)],
);
