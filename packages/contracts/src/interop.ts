import { z } from 'zod';

/**
 * Data coming in (FHIR, HL7 v2, CSV/Excel) and the master patient index: shared by the server's routes,
 * the CLI's summaries and the console.
 */
export const importCountsSchema = z.object({
  read: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  merged: z.number().int(),
  /** Put in the review queue (possible duplicates between the thresholds). */
  queued: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

const timestamp = z.iso.datetime({ offset: true });
const problem = z.object({ where: z.string(), message: z.string() });

// ---------------------------------------------------------------------------------------------------
// HL7 v2

export const hl7PostResponse = z.object({
  /** The ACK as sent over MLLP: MSA-1 AA / AE / AR. */
  ack: z.string(),
  ackCode: z.enum(['AA', 'AE', 'AR']),
  counts: importCountsSchema,
  duplicate: z.boolean(),
});

export const INBOX_STATUSES = ['rejected', 'reprocessed', 'dismissed', 'accepted'] as const;
export const inboxQuery = z.object({
  status: z.enum(INBOX_STATUSES).default('rejected'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const inboxMessageSchema = z.object({
  id: z.uuid(),
  sender: z.string(),
  controlId: z.string(),
  messageType: z.string(),
  status: z.enum(INBOX_STATUSES),
  ackCode: z.string(),
  problems: z.array(problem.extend({ text: z.string() })),
  receivedAt: timestamp,
  updatedAt: timestamp,
});
export const inboxListResponse = z.object({ items: z.array(inboxMessageSchema), total: z.number().int() });
export const inboxRawRequest = z.strictObject({ reason: z.string().trim().min(2).max(200) });
export const inboxRawResponse = z.object({ raw: z.string() });
export const inboxReprocessResponse = z.object({
  message: inboxMessageSchema,
  counts: importCountsSchema,
});

// ---------------------------------------------------------------------------------------------------
// CSV / Excel file imports

export const IMPORT_KINDS = ['patients', 'visits', 'charges'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
/**
 * 'incremental': batch by batch, the register stays in use. 'bulk' (patients only): the go-live load, one
 * transaction with the search indexes rebuilt at the end and matching in one pass; the patient register
 * is locked while it runs.
 */
export const IMPORT_MODES = ['incremental', 'bulk'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const importJobSchema = z.object({
  id: z.uuid(),
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  fileBytes: z.number().int(),
  sourceSystem: z.string(),
  mode: z.enum(IMPORT_MODES),
  status: z.enum(IMPORT_STATUSES),
  rowsTotal: z.number().int().nullable(),
  rowsDone: z.number().int(),
  counts: importCountsSchema,
  /** Rows per second so far, and the estimated seconds left (null until known). */
  rate: z.number().nullable(),
  etaSeconds: z.number().nullable(),
  error: z.string().nullable(),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;
export const importJobListResponse = z.object({ items: z.array(importJobSchema) });

/** The columns of the file and what each field is mapped to (field key → column index). */
export const columnMappingSchema = z.record(z.string(), z.number().int().min(0).nullable());

export const importPreviewResponse = z.object({
  kind: z.enum(IMPORT_KINDS),
  headers: z.array(z.string()),
  mapping: columnMappingSchema,
  fields: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      required: z.boolean(),
      confidence: z.number().nullable(),
    }),
  ),
  rows: z.array(
    z.object({
      rowNumber: z.number().int(),
      cells: z.array(z.string()),
      problems: z.array(problem.extend({ text: z.string() })),
    }),
  ),
  /** Dry run over the whole file: how many rows would be written and how many rejected. */
  dryRun: z
    .object({ rows: z.number().int(), valid: z.number().int(), rejected: z.number().int() })
    .nullable(),
});

// ---------------------------------------------------------------------------------------------------
// Master patient index

export const matchEvidenceSchema = z.object({ field: z.string(), level: z.string(), weight: z.number() });
const reviewSide = z.object({
  id: z.uuid(),
  name: z.string(),
  gender: z.string(),
  birthDate: z.string().nullable(),
  idCardMasked: z.string().nullable(),
  phonesMasked: z.array(z.string()),
  address: z.string().nullable(),
  identifiers: z.array(z.object({ system: z.string(), value: z.string() })),
  visits: z.number().int(),
  createdAt: timestamp,
});
export const mpiReviewSchema = z.object({
  id: z.uuid(),
  status: z.enum(['open', 'merged', 'distinct']),
  score: z.number(),
  evidence: z.array(matchEvidenceSchema),
  patient: reviewSide,
  candidate: reviewSide,
  createdAt: timestamp,
});
export const mpiReviewQuery = z.object({
  status: z.enum(['open', 'merged', 'distinct']).default('open'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export const mpiReviewListResponse = z.object({ items: z.array(mpiReviewSchema), total: z.number().int() });
export const mpiDecisionRequest = z.strictObject({
  decision: z.enum(['merge', 'distinct']),
  /** Which of the two records lives on (default: the older one, the candidate). */
  survivorId: z.uuid().optional(),
});
export const mpiMergeSchema = z.object({
  id: z.uuid(),
  survivorId: z.uuid(),
  mergedId: z.uuid(),
  reason: z.enum(['auto', 'review', 'hl7_a40', 'manual']),
  score: z.number().nullable(),
  createdAt: timestamp,
  undoneAt: timestamp.nullable(),
});
export const mpiMergeRequest = z.strictObject({ survivorId: z.uuid(), mergedId: z.uuid() });
export const mpiMergeListResponse = z.object({ items: z.array(mpiMergeSchema) });
